import type { RectificationStatus } from '@tradepilot/contracts';
import {
  requireProvince,
  type AuthorizedContext,
  type ServiceDeps,
  auditTrailModel,
  type AuditTrailEntry,
} from '@tradepilot/service-kit';
import { nationalScope, type TenantScope } from '@tradepilot/tenancy';
import { ownPilotArea } from '../pilot-area-access';
import {
  inspections,
  inspectorOf,
  rectificationCallers,
  rectifications,
  type Reach,
} from './inspection-context';
import { inspectionIndexModel, type InspectionIndexRow } from './inspection-index-model';
import type { InspectionDocument, InspectionStatus } from './inspection-model';
import { inspectionView, rectificationView } from './inspection-view';
import { dueEnds } from './rectification-due';
import { rectificationIndexModel, type RectificationIndexRow } from './rectification-index-model';
import type { RectificationDocument } from './rectification-model';
import { countRectifications, type RectificationCounts } from './rectification-counts';
import { isOverdue } from './rectification-transitions';
import { rectificationUpdateModel, type RectificationUpdate } from './rectification-update-model';

/** Every change of a record, oldest first: who, what, when, why. */
export async function auditOf(deps: ServiceDeps, scope: TenantScope, subjectType: string, subjectId: string) {
  const lines = await (await deps.databases.model(scope, auditTrailModel))
    .find({ subjectType, subjectId })
    .sort({ version: 1 })
    .lean<AuditTrailEntry[]>();
  return lines.map((l) => ({
    version: l.version,
    action: l.action,
    at: l.at.toISOString(),
    userId: l.userId,
    role: l.role,
    organisationId: l.organisationId,
    changes: l.changes,
    reason: l.reason,
  }));
}

/** A pilot-area officer's filter is their own area; asking for another area finds nothing. */
const areaFilter = (
  ctx: AuthorizedContext,
  pilotAreaId: string | undefined,
): Record<string, string> | null => {
  const own = ownPilotArea(ctx);
  if (own !== undefined && pilotAreaId && pilotAreaId !== own) return null;
  const area = own ?? pilotAreaId;
  return area ? { pilotAreaId: area } : {};
};

/** The inspections of the caller's province (a pilot-area officer: their area's), newest first. */
export async function listInspections(
  deps: ServiceDeps,
  ctx: AuthorizedContext,
  input: {
    pilotAreaId?: string | undefined;
    round?: number | undefined;
    status?: InspectionStatus | undefined;
  },
) {
  const scope = requireProvince(ctx);
  const area = areaFilter(ctx, input.pilotAreaId);
  if (!area) return [];
  const filter: Record<string, unknown> = { ...area };
  if (input.round) filter['round'] = input.round;
  if (input.status) filter['status'] = input.status;
  const found = await (await inspections(deps, scope))
    .find(filter)
    .select({ outbox: 0 })
    .sort({ startDate: -1 })
    .limit(500)
    .lean<InspectionDocument[]>();
  const inspector = inspectorOf(ctx, 'province');
  return found.map((i) => inspectionView(i, scope.tenant, inspector));
}

/** An inspection with its findings (each with its rectification) and its changes. */
export async function inspectionDetail(
  deps: ServiceDeps,
  ctx: AuthorizedContext,
  reach: Reach,
  scope: TenantScope,
  inspection: InspectionDocument,
) {
  const now = deps.now();
  const callers = rectificationCallers(ctx, reach);
  const findings = await (await rectifications(deps, scope))
    .find({ inspectionId: inspection._id })
    .select({ outbox: 0 })
    .sort({ recordedAt: 1 })
    .limit(500)
    .lean<RectificationDocument[]>();
  return {
    ...inspectionView(inspection, scope.tenant, inspectorOf(ctx, reach)),
    findings: findings.map((r) => rectificationView(r, scope.tenant, callers, now)),
    history: await auditOf(deps, scope, 'inspection', inspection._id),
  };
}

/** A rectification with every progress report and submission of the area, and its changes. */
export async function rectificationDetail(
  deps: ServiceDeps,
  ctx: AuthorizedContext,
  reach: Reach,
  scope: TenantScope,
  r: RectificationDocument,
) {
  const updates = await (await deps.databases.model(scope, rectificationUpdateModel))
    .find({ rectificationId: r._id })
    .sort({ version: 1 })
    .lean<RectificationUpdate[]>();
  return {
    ...rectificationView(r, scope.tenant, rectificationCallers(ctx, reach), deps.now()),
    updates: updates.map((u) => ({
      version: u.version,
      kind: u.kind,
      status: u.status,
      narrative: u.narrative,
      attachmentIds: u.attachmentIds,
      at: u.at.toISOString(),
      userId: u.userId,
    })),
    history: await auditOf(deps, scope, 'rectification', r._id),
  };
}

/** The rectifications of the caller's province (a pilot-area officer: their area's), by due date. */
export async function listRectifications(
  deps: ServiceDeps,
  ctx: AuthorizedContext,
  input: {
    pilotAreaId?: string | undefined;
    inspectionId?: string | undefined;
    status?: RectificationStatus | undefined;
    overdue?: boolean | undefined;
  },
) {
  const scope = requireProvince(ctx);
  const area = areaFilter(ctx, input.pilotAreaId);
  if (!area) return [];
  const filter: Record<string, unknown> = { ...area };
  if (input.inspectionId) filter['inspectionId'] = input.inspectionId;
  if (input.status) filter['status'] = input.status;
  const now = deps.now();
  const found = await (await rectifications(deps, scope))
    .find(filter)
    .select({ outbox: 0 })
    .sort({ dueDate: 1 })
    .limit(1000)
    .lean<RectificationDocument[]>();
  const callers = rectificationCallers(ctx, 'province');
  return found
    .filter((r) => input.overdue === undefined || isOverdue(r, now) === input.overdue)
    .map((r) => rectificationView(r, scope.tenant, callers, now));
}

/** The province's rectification counts, in total and per pilot area (its own database). */
export async function provinceCounts(
  deps: ServiceDeps,
  ctx: AuthorizedContext,
): Promise<{
  province: string;
  totals: RectificationCounts;
  byPilotArea: Record<string, RectificationCounts>;
}> {
  const scope = requireProvince(ctx);
  const own = ownPilotArea(ctx);
  const found = await (
    await rectifications(deps, scope)
  )
    .find(own ? { pilotAreaId: own } : {})
    .select({ pilotAreaId: 1, status: 1, dueAt: 1, escalatedAt: 1 })
    .lean<RectificationDocument[]>();
  const now = deps.now();
  const rows = found.map((r) => ({
    key: r.pilotAreaId,
    status: r.status,
    dueAt: r.dueAt,
    escalated: r.escalatedAt !== null,
  }));
  return { province: scope.tenant, ...countRectifications(rows, now, 'byPilotArea') };
}

const indexDueAt = (row: Pick<RectificationIndexRow, 'dueDate'>) =>
  row.dueDate ? dueEnds(row.dueDate) : null;

/** The national list of inspections, from `supervision_national` only. */
export async function nationalInspections(
  deps: ServiceDeps,
  input: { province?: string | undefined; round?: number | undefined },
) {
  const filter: Record<string, unknown> = {};
  if (input.province) filter['province'] = input.province;
  if (input.round) filter['round'] = input.round;
  const rows = await (await deps.databases.model(nationalScope, inspectionIndexModel))
    .find(filter)
    .sort({ startDate: -1 })
    .limit(1000)
    .lean<InspectionIndexRow[]>();
  return rows.map((r) => ({
    inspectionId: r._id,
    province: r.province,
    round: r.round,
    pilotAreaId: r.pilotAreaId,
    inspectorLevel: r.inspectorLevel,
    inspectorOrganisationId: r.inspectorOrganisationId,
    subject: r.subject,
    startDate: r.startDate,
    endDate: r.endDate,
    status: r.status,
  }));
}

/** The national list of rectifications, from `supervision_national` only. */
export async function nationalRectifications(
  deps: ServiceDeps,
  input: {
    province?: string | undefined;
    status?: RectificationStatus | undefined;
    overdue?: boolean | undefined;
  },
) {
  const filter: Record<string, unknown> = {};
  if (input.province) filter['province'] = input.province;
  if (input.status) filter['status'] = input.status;
  const rows = await (await deps.databases.model(nationalScope, rectificationIndexModel))
    .find(filter)
    .sort({ dueDate: 1 })
    .limit(1000)
    .lean<RectificationIndexRow[]>();
  const now = deps.now();
  return rows
    .map((r) => ({
      rectificationId: r._id,
      province: r.province,
      pilotAreaId: r.pilotAreaId,
      inspectionId: r.inspectionId,
      findingId: r.findingId,
      round: r.round ?? null,
      inspectorLevel: r.inspectorLevel ?? null,
      inspectorOrganisationId: r.inspectorOrganisationId ?? null,
      severity: r.severity ?? null,
      description: r.description ?? null,
      dueDate: r.dueDate ?? null,
      status: r.status,
      escalated: r.escalated,
      overdue: isOverdue({ status: r.status, dueAt: indexDueAt(r) }, now),
    }))
    .filter((r) => input.overdue === undefined || r.overdue === input.overdue);
}

/** Open and overdue rectifications per province and in total, from `supervision_national` only. */
export async function nationalCounts(deps: ServiceDeps) {
  const rows = await (await deps.databases.model(nationalScope, rectificationIndexModel))
    .find({})
    .select({ province: 1, status: 1, dueDate: 1, escalated: 1 })
    .lean<RectificationIndexRow[]>();
  const counted = rows.map((r) => ({
    key: r.province,
    status: r.status,
    dueAt: indexDueAt(r),
    escalated: r.escalated,
  }));
  return countRectifications(counted, deps.now(), 'byProvince');
}
