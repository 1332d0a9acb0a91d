import type { PlanTask } from '@tradepilot/contracts';
import { findCurrentOrSettled } from '@tradepilot/messaging';
import type { AuthorizedContext, ServiceDeps } from '@tradepilot/service-kit';
import { nationalScope, type PilotArea, type TenantScope } from '@tradepilot/tenancy';
import { pilotAreaForCaller } from '../pilot-area-access';
import { versionForPeriod } from '../plan-version-for-period';
import { planVersionModel, type PlanVersionDocument } from '../plan-version-model';
import { reportingPeriodModel, type ReportingPeriodDocument } from '../reporting-period-model';
import { chinaDay } from './report-entries';
import { pastReports } from './past-reports';
import { reportErrors } from './report-errors';
import { progressReportId, progressReportModel, type ProgressReportDocument } from './report-model';

/** The report a caller works on: its area, period and the plan version in force for the period. */
export interface ReportContext {
  scope: TenantScope;
  area: PilotArea;
  period: ReportingPeriodDocument;
  reportId: string;
  report: ProgressReportDocument | null;
  /** the report is accepted and its period past due: it is read from the past reports */
  past: boolean;
}

export const reports = (deps: ServiceDeps, scope: TenantScope) =>
  deps.databases.model(scope, progressReportModel);

/** A report by id, current or past (two reads by `_id`). */
export async function reportById(
  deps: ServiceDeps,
  scope: TenantScope,
  reportId: string,
): Promise<{ report: ProgressReportDocument | null; past: boolean }> {
  const found = await findCurrentOrSettled<ProgressReportDocument>(
    deps.databases,
    scope,
    pastReports,
    reportId,
  );
  return { report: found?.document ?? null, past: found?.settled ?? false };
}

/**
 * Reports matching `filter` in the current collection and, when `withPast`, in the past one too
 * (reads of history: a past period's reports, a whole round's).
 */
export async function findReports(
  deps: ServiceDeps,
  scope: TenantScope,
  filter: Record<string, unknown>,
  select: Record<string, 0>,
  withPast: boolean,
): Promise<ProgressReportDocument[]> {
  const models = [progressReportModel, ...(withPast ? [pastReports.to] : [])];
  const found = await Promise.all(
    models.map(async (definition) =>
      (await deps.databases.model(scope, definition))
        .find(filter as never)
        .select(select)
        .lean<ProgressReportDocument[]>(),
    ),
  );
  // a report met in both (a move under way) counts once
  return [...new Map(found.flat().map((r) => [r._id, r])).values()];
}

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
  const { report, past } = await reportById(deps, scope, reportId);
  return { scope, area, period, reportId, report, past };
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
