import {
  requireProvince,
  type AuthorizedContext,
  type ServiceDeps,
  auditTrailModel,
  type AuditTrailEntry,
} from '@tradepilot/service-kit';
import { ownPilotArea } from '../pilot-area-access';
import { reportContext, reports } from './report-context';
import { auditSubject } from './report-drafting';
import type { ProgressReportDocument } from './report-model';

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
  const found = await (await reports(deps, scope))
    .find(filter)
    .select({ entries: 0, outbox: 0 })
    .sort({ periodId: 1, pilotAreaId: 1 })
    .limit(500)
    .lean<ProgressReportDocument[]>();
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
  const lines = await (await deps.databases.model(context.scope, auditTrailModel))
    .find({ subjectType: auditSubject, subjectId: context.reportId })
    .sort({ version: 1 })
    .lean<AuditTrailEntry[]>();
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
