import {
  requireProvince,
  type AuthorizedContext,
  type ServiceDeps,
  auditTrailModel,
  versionedAuditLines,
} from '@tradepilot/service-kit';
import { nationalScope } from '@tradepilot/tenancy';
import { ownPilotArea } from '../pilot-area-access';
import { reportingPeriodModel, type ReportingPeriodDocument } from '../reporting-period-model';
import { findReports, reportContext } from './report-context';
import { auditSubject } from './report-drafting';

/** The reports of the caller's province (a pilot-area officer: their own area's), without their entries. */
export async function listReports(
  deps: ServiceDeps,
  ctx: AuthorizedContext,
  input: { periodId?: string | undefined; round?: number | undefined },
) {
  const scope = requireProvince(ctx);
  const own = ownPilotArea(ctx);
  const filter: Record<string, string | number> = {};
  if (input.periodId) filter['periodId'] = input.periodId;
  if (input.round) filter['round'] = input.round;
  if (own !== undefined) filter['pilotAreaId'] = own;
  // a period not yet past due has no past reports: its list reads the current reports only
  const period = input.periodId
    ? await (await deps.databases.model(nationalScope, reportingPeriodModel))
        .findById(input.periodId)
        .select({ stage: 1 })
        .lean<Pick<ReportingPeriodDocument, 'stage'>>()
    : null;
  const withPast = !period || period.stage === 'due-passed';
  const found = (await findReports(deps, scope, filter, { entries: 0, outbox: 0 }, withPast))
    .sort((a, b) => a.periodId.localeCompare(b.periodId) || a.pilotAreaId.localeCompare(b.pilotAreaId))
    .slice(0, 500);
  return found.map((r) => ({
    reportId: r._id,
    periodId: r.periodId,
    round: r.round,
    pilotAreaId: r.pilotAreaId,
    status: r.status,
    version: r.version,
    submission: r.submission,
    caseId: r.caseId,
    due: r.due,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    timeliness: r.timeliness,
    updatedAt: r.updatedAt.toISOString(),
  }));
}

/** Every change of a report, oldest first: who, what, when, why. */
export async function reportAudit(
  deps: ServiceDeps,
  ctx: AuthorizedContext,
  input: { pilotAreaId: string; periodId: string },
) {
  const context = await reportContext(deps, ctx, input);
  const lines = await versionedAuditLines(
    await deps.databases.model(context.scope, auditTrailModel),
    { type: auditSubject, id: context.reportId },
    context.report?.version ?? 0,
  );
  return lines.map((l) => ({
    version: l.version,
    action: l.action,
    at: l.at.toISOString(),
    userId: l.userId,
    role: l.role,
    changes: l.changes,
    reason: l.reason,
  }));
}
