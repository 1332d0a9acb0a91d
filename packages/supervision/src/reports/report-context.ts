import type { PlanTask } from '@tradepilot/contracts';
import type { AuthorizedContext, ServiceDeps } from '@tradepilot/service-kit';
import { nationalScope, type PilotArea, type TenantScope } from '@tradepilot/tenancy';
import { pilotAreaForCaller } from '../pilot-area-access';
import { versionForPeriod } from '../plan-version-for-period';
import { planVersionModel, type PlanVersionDocument } from '../plan-version-model';
import { reportingPeriodModel, type ReportingPeriodDocument } from '../reporting-period-model';
import { chinaDay } from './report-entries';
import { reportErrors } from './report-errors';
import { progressReportId, progressReportModel, type ProgressReportDocument } from './report-model';

/** The report a caller works on: its area, period and the plan version in force for the period. */
export interface ReportContext {
  scope: TenantScope;
  area: PilotArea;
  period: ReportingPeriodDocument;
  reportId: string;
  report: ProgressReportDocument | null;
}

export const reports = (deps: ServiceDeps, scope: TenantScope) =>
  deps.databases.model(scope, progressReportModel);

export async function readPeriod(deps: ServiceDeps, periodId: string): Promise<ReportingPeriodDocument> {
  const period = await (await deps.databases.model(nationalScope, reportingPeriodModel))
    .findById(periodId)
    .lean<ReportingPeriodDocument>();
  if (!period) throw reportErrors.periodNotFound(periodId);
  return period;
}

/**
 * The pilot area (of the caller's province; a pilot-area officer only their own), the period and
 * the area's report for it, if started.
 */
export async function reportContext(
  deps: ServiceDeps,
  ctx: AuthorizedContext,
  input: { pilotAreaId: string; periodId: string },
): Promise<ReportContext> {
  const period = await readPeriod(deps, input.periodId);
  const { scope, area } = pilotAreaForCaller(deps, ctx, input.pilotAreaId, period.round);
  const reportId = progressReportId(period._id, area.id);
  const report = await (await reports(deps, scope)).findById(reportId).lean<ProgressReportDocument>();
  return { scope, area, period, reportId, report };
}

/** The tasks of the plan version in force for the period (the newest approved before it began). */
export async function planForPeriod(
  deps: ServiceDeps,
  scope: TenantScope,
  area: PilotArea,
  period: ReportingPeriodDocument,
): Promise<{ submission: number; tasks: PlanTask[] }> {
  const versions = await (await deps.databases.model(scope, planVersionModel))
    .find({ round: period.round, pilotAreaId: area.id })
    .lean<PlanVersionDocument[]>();
  const version = versionForPeriod(versions, period);
  if (!version) throw reportErrors.noPlanForPeriod(area.id, period._id);
  return { submission: version.submission, tasks: version.tasks };
}

/**
 * Drafting needs an open period that is not locked, or, in a locked period, an exception of the
 * ministry for this report whose due date has not passed.
 */
export function assertPeriodWritable(
  period: ReportingPeriodDocument,
  report: ProgressReportDocument | null,
  now: Date,
): void {
  if (period.stage === 'scheduled') throw reportErrors.periodNotOpen(period._id, period.start);
  const excepted = report?.exception != null && chinaDay(now) <= report.exception.due;
  if (period.locked && !excepted) throw reportErrors.periodLocked(period._id);
}
