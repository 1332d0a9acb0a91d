import { procedure, requireProvince, router, type ServiceDeps } from '@tradepilot/service-kit';
import {
  delegateMatter,
  getApplication,
  listApplications,
  listMatters,
  provinceMatterStatistics,
  registerApplication,
} from './admin-matters';
import {
  delegateMatterInput,
  getApplicationInput,
  getCalendarInput,
  listApplicationsInput,
  loadCalendarInput,
  noInput,
  registerApplicationInput,
  setDelegationInput,
} from './approvals-inputs';
import type { ApprovalsRepository } from './approvals-repository';
import { getCalendar, loadCalendar } from './calendar-admin';
import type { CalendarSource } from './calendar-source';
import { listDelegations, setDelegation } from './delegations';
import { nationalSummary } from './national-summary';
import type { ProvinceSummaryCache } from './province-summary-cache';

/** Delegations, the holiday calendar, and delegated administrative matters with their applications. */
export function adminRouter(
  deps: ServiceDeps,
  repository: ApprovalsRepository,
  calendars: CalendarSource,
  summaries: ProvinceSummaryCache,
) {
  return router({
    delegation: router({
      set: procedure
        .input(setDelegationInput)
        .mutation(({ ctx, input }) => setDelegation(deps, repository, ctx, input)),
      list: procedure.input(noInput).query(({ ctx }) => listDelegations(deps, repository, ctx)),
    }),
    calendar: router({
      load: procedure
        .input(loadCalendarInput)
        .mutation(({ ctx, input }) => loadCalendar(repository, calendars, ctx, input, deps.now())),
      get: procedure.input(getCalendarInput).query(({ input }) => getCalendar(repository, input.year)),
    }),
    matter: router({
      delegate: procedure
        .input(delegateMatterInput)
        .mutation(({ ctx, input }) => delegateMatter(deps, repository, ctx, input)),
      list: procedure.input(noInput).query(({ ctx }) => listMatters(repository, ctx)),
      /** a province: its own numbers, live; the ministry: national and per province, from the projection */
      statistics: procedure.input(noInput).query(async ({ ctx }) => {
        const now = deps.now();
        if (ctx.principal.tenant) {
          return {
            scope: 'province' as const,
            tenant: ctx.principal.tenant,
            national: [],
            byProvince: [
              {
                tenant: ctx.principal.tenant,
                matters: await provinceMatterStatistics(repository, ctx.principal.tenant, now),
              },
            ],
          };
        }
        const summary = await nationalSummary(summaries, calendars, now);
        return { scope: 'national' as const, tenant: null, ...summary.adminMatters };
      }),
    }),
    application: router({
      register: procedure
        .input(registerApplicationInput)
        .mutation(({ ctx, input }) => registerApplication(deps, repository, calendars, ctx, input)),
      get: procedure
        .input(getApplicationInput)
        .query(({ ctx, input }) => getApplication(repository, ctx, input.applicationId)),
      list: procedure.input(listApplicationsInput).query(({ ctx, input }) => {
        requireProvince(ctx);
        return listApplications(repository, ctx, input);
      }),
    }),
  });
}
