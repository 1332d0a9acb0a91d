import { isDuplicateKeyError, restoreSettled } from '@tradepilot/messaging';
import { type AuthorizedContext, auditTrailModel, type AuditedChange } from '@tradepilot/service-kit';
import { tenantScope } from '@tradepilot/tenancy';
import { pastReports } from './past-reports';
import { planForPeriod, readPeriod, reportById, reports, type ReportContext } from './report-context';
import {
  auditLine,
  commitReport,
  conflict,
  newReport,
  planOfReport,
  type ReportDeps,
} from './report-drafting';
import { chinaDay } from './report-entries';
import { reportErrors } from './report-errors';
import type { ReportExceptionInput } from './report-inputs';
import { progressReportId, type ProgressReportDocument, type ReportException } from './report-model';
import { reportView, type ProgressReportView } from './report-view';

/** Concurrent saves of the area can move the report under the grant: it reads again this often. */
const attempts = 5;

/**
 * The ministry reopens one pilot area's report after the period's due date, for a stated reason
 * and with a due date of its own: the area can draft and submit it even in a locked period until
 * that day, a first submission by then counts as on time, and an accepted report goes back to
 * the area (returned, with the reason) to be submitted again. A report under review is refused:
 * its case decides first. Audited on the report like every change of it.
 */
export async function grantReportException(
  d: ReportDeps,
  ctx: AuthorizedContext,
  input: ReportExceptionInput,
): Promise<ProgressReportView> {
  const { deps } = d;
  const period = await readPeriod(deps, input.periodId);
  const area = deps.registry.pilotArea(input.pilotAreaId);
  if (!area || !area.rounds.includes(period.round))
    throw reportErrors.areaNotInRound(input.pilotAreaId, period.round);
  if (period.stage !== 'due-passed') throw reportErrors.exceptionBeforeDue(period._id, period.due);
  const today = chinaDay(deps.now());
  if (input.due < today) throw reportErrors.exceptionDueInPast(input.due, today);

  const scope = tenantScope(area.province);
  const reportId = progressReportId(period._id, area.id);
  const model = await reports(deps, scope);
  for (let attempt = 1; ; attempt += 1) {
    const found = await reportById(deps, scope, reportId);
    // a past report comes back to the current ones first, where the exception writes it
    if (found.past) {
      await restoreSettled(deps.databases, scope, pastReports, reportId);
      if (attempt < attempts) continue;
    }
    const { report } = found;
    const context: ReportContext = { scope, area, period, reportId, report, past: false };
    const plan = report ? await planOfReport(deps, context) : await planForPeriod(deps, scope, area, period);
    const now = deps.now();
    const exception: ReportException = {
      reason: input.reason,
      due: input.due,
      grantedAt: now,
      grantedBy: ctx.principal.userId,
    };
    const view = (doc: ProgressReportDocument) =>
      reportView(doc, { reportId, pilotAreaId: area.id, period }, plan);
    const changes: AuditedChange[] = [{ field: 'due', before: report?.due ?? period.due, after: input.due }];

    if (!report) {
      // not started yet: the grant starts it, so the area finds it open with its own due date
      const created = await deps.outbox
        .create<ProgressReportDocument>(
          model,
          {
            ...newReport(context, plan.submission, ctx.principal.userId, now),
            taskIds: plan.tasks.map((t) => t.id),
            due: input.due,
            exception,
          },
          [],
          { tenant: scope.tenant, actor: ctx.actor, now },
        )
        .catch((err: unknown) => {
          // the area started it at the same moment: grant on top of theirs
          if (isDuplicateKeyError(err) && attempt < attempts) return null;
          throw err;
        });
      if (!created) continue;
      await (
        await deps.databases.model(scope, auditTrailModel)
      ).create(auditLine(created, 1, ctx.actor, now, 'exception-granted', changes, input.reason));
      return view(created);
    }

    if (report.status === 'submitted') throw reportErrors.exceptionUnderReview(period._id, area.id);
    const reopened = report.status === 'accepted';
    if (reopened) changes.push({ field: 'status', before: report.status, after: 'returned' });
    const updated = await commitReport(deps, scope, report, ctx.actor, {
      set: {
        due: input.due,
        exception,
        ...(reopened ? { status: 'returned' as const, returnReason: input.reason } : {}),
        updatedBy: ctx.principal.userId,
      },
      events: [],
      audit: { action: 'exception-granted', changes, reason: input.reason },
    });
    if (updated) return view(updated);
    if (attempt >= attempts)
      throw conflict(deps, report.version, await model.findById(reportId).lean<ProgressReportDocument>());
  }
}
