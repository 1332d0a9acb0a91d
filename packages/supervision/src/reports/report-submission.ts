import { reportSubmittedV1 } from '@tradepilot/contracts';
import { eventDraft } from '@tradepilot/messaging';
import type { AuthorizedContext } from '@tradepilot/service-kit';
import { reportingCalendar } from '../reporting-calendar';
import { assertPeriodWritable, reportContext } from './report-context';
import { commitReport, conflict, lostRace, planOfReport, type ReportDeps } from './report-drafting';
import { missingTasks, timelinessOf } from './report-entries';
import { reportErrors } from './report-errors';
import { editableReportStatuses } from './report-model';
import { reportView, type ProgressReportView } from './report-view';

/**
 * The pilot area submits its report (again, after a return): every task of the plan version must
 * be reported on. The same write emits report.submitted.v1, from which the approvals engine opens
 * the `report` case. Timeliness is fixed by the first submission: the day the area delivered.
 */
export async function submitReport(
  d: ReportDeps,
  ctx: AuthorizedContext,
  input: { pilotAreaId: string; periodId: string; version: number },
): Promise<ProgressReportView> {
  const { deps } = d;
  const context = await reportContext(deps, ctx, input);
  const { report, period, scope, area } = context;
  if (!report) throw reportErrors.notFound(period._id, area.id);
  assertPeriodWritable(period, report, deps.now());
  if (report.version !== input.version) throw conflict(deps, input.version, report);
  if (!editableReportStatuses.includes(report.status)) throw reportErrors.notEditable(report.status);
  const missing = missingTasks(report.taskIds, report.entries);
  if (missing.length > 0) throw reportErrors.missingTasks(missing);
  const now = deps.now();
  const submission = report.submission + 1;
  const timeliness = report.timeliness ?? timelinessOf(report.due, now, reportingCalendar());
  const updated = await commitReport(deps, scope, report, ctx.actor, {
    set: {
      status: 'submitted',
      submission,
      submittedAt: now,
      firstSubmittedAt: report.firstSubmittedAt ?? now,
      timeliness,
      returnReason: null,
      updatedBy: ctx.principal.userId,
    },
    events: [
      eventDraft(reportSubmittedV1, {
        reportId: report._id,
        pilotAreaId: area.id,
        periodId: period._id,
        title: {
          'zh-CN': `${area.name['zh-CN']}${period.label['zh-CN']}试点进展报告`,
          en: `${area.name.en} progress report, ${period.label.en || period._id}`,
        },
        submission,
        submittedAt: now.toISOString(),
        round: period.round,
        timeliness,
      }),
    ],
    audit: {
      action: 'submitted',
      changes: [
        { field: 'status', before: report.status, after: 'submitted' },
        { field: 'submission', before: report.submission, after: submission },
      ],
    },
  });
  if (!updated) return lostRace(deps, scope, report, input.version);
  return reportView(updated, { ...context, pilotAreaId: area.id }, await planOfReport(deps, context));
}
