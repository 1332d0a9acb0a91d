import { procedure, router, type ServiceDeps } from '@tradepilot/service-kit';
import type { ApprovalsRepository } from './approvals-repository';
import { bulkDecideInput, decideCaseInput, getCaseInput, inboxInput, noInput } from './approvals-inputs';
import { bulkDecide } from './bulk-decision';
import type { CalendarSource } from './calendar-source';
import { capacitiesOf, locateCase } from './case-access';
import { decideCase } from './case-decision';
import { caseList } from './case-inbox';
import { caseTypes } from './case-types';
import { toCaseView } from './case-view';
import { nationalSummary } from './national-summary';
import type { ProvinceSummaryCache } from './province-summary-cache';

export function caseRouter(
  deps: ServiceDeps,
  repository: ApprovalsRepository,
  calendars: CalendarSource,
  summaries: ProvinceSummaryCache,
) {
  return router({
    case: router({
      /** every open case in every province (ministry), oldest first */
      listOpen: procedure.input(noInput).query(async () => {
        const entries = await (await repository.index())
          .find({ status: 'open' })
          .sort({ openedAt: 1 })
          .limit(500)
          .lean();
        return entries.map((e) => ({
          id: e._id,
          tenant: e.tenant,
          caseType: e.caseType,
          subject: e.subject,
          title: e.title,
          status: e.status,
          level: e.level,
          openedAt: e.openedAt.toISOString(),
          nextDueAt: e.nextDueAt?.toISOString() ?? null,
          previousCaseId: e.previousCaseId,
        }));
      }),
      get: procedure.input(getCaseInput).query(async ({ ctx, input }) => {
        const now = deps.now();
        const capacities = await capacitiesOf(repository, ctx, now);
        const { tenant, found } = await locateCase(repository, ctx, input.caseId, capacities);
        return toCaseView(tenant, found, capacities, now);
      }),
      decide: procedure
        .input(decideCaseInput)
        .mutation(({ ctx, input }) => decideCase(deps, repository, calendars, ctx, input)),
      bulkDecide: procedure
        .input(bulkDecideInput)
        .mutation(({ ctx, input }) => bulkDecide(deps, repository, calendars, ctx, input)),
      inbox: procedure.input(inboxInput).query(async ({ ctx, input }) => {
        const now = deps.now();
        return caseList(repository, ctx, await capacitiesOf(repository, ctx, now), 'awaiting', input, now);
      }),
      /** the overdue list: cases whose overdue steps escalated to the caller */
      escalations: procedure.input(inboxInput).query(async ({ ctx, input }) => {
        const now = deps.now();
        return caseList(repository, ctx, await capacitiesOf(repository, ctx, now), 'escalated', input, now);
      }),
      nationalSummary: procedure
        .input(noInput)
        .query(() => nationalSummary(summaries, calendars, deps.now())),
    }),
    caseType: router({
      list: procedure.input(noInput).query(() =>
        caseTypes.map((t) => ({
          id: t.id,
          name: t.name,
          subject: t.subject,
          reminderWorkingDaysBefore: t.reminderWorkingDaysBefore,
          levels:
            t.levels === 'from-matter'
              ? 'from-matter'
              : t.levels.map((l) => ({
                  key: l.key,
                  name: l.name,
                  steps: l.steps.map((s) => ({
                    key: s.key,
                    name: s.name,
                    role: s.approver.role,
                    organisation: s.approver.organisation,
                    workingDays: s.workingDays,
                  })),
                })),
        })),
      ),
    }),
  });
}
