import type { EventActor } from '@tradepilot/contracts';
import type { ChangeRecord, EventDraft, OutboxFields } from '@tradepilot/messaging';
import {
  requireProvince,
  versionConflict,
  type AuthorizedContext,
  type ServiceDeps,
  auditTrailModel,
  versionedAuditLine,
  type AuditedChange,
} from '@tradepilot/service-kit';
import { nationalScope, tenantScope, type TenantScope } from '@tradepilot/tenancy';
import type { Model } from 'mongoose';
import { inspectionErrors } from './inspection-errors';
import { inspectionIndexModel, type InspectionIndexRow } from './inspection-index-model';
import { inspectionModel, type InspectionDocument } from './inspection-model';
import type { InspectorCaller } from './inspection-transitions';
import { rectificationIndexModel, type RectificationIndexRow } from './rectification-index-model';
import { rectificationModel, type RectificationDocument } from './rectification-model';
import type { RectificationCaller } from './rectification-transitions';

export const inspectionAuditSubject = 'inspection';
export const rectificationAuditSubject = 'rectification';

export const inspections = (deps: ServiceDeps, scope: TenantScope) =>
  deps.databases.model(scope, inspectionModel);
export const rectifications = (deps: ServiceDeps, scope: TenantScope) =>
  deps.databases.model(scope, rectificationModel);

/** How a procedure finds its records: in the caller's province, or through the national index. */
export type Reach = 'province' | 'ministry';

/** The ministry as an inspector. */
export const ministryInspector = (ctx: AuthorizedContext): InspectorCaller => ({
  level: 'ministry',
  organisationId: ctx.principal.organisationId ?? 'mofcom',
});

/** A province officer as an inspector of their own province's areas (null for a pilot-area officer). */
export const provinceInspector = (ctx: AuthorizedContext): InspectorCaller | null =>
  ctx.principal.roles.includes('province-officer') && ctx.principal.tenant
    ? { level: 'province', organisationId: ctx.principal.tenant }
    : null;

export const inspectorOf = (ctx: AuthorizedContext, reach: Reach): InspectorCaller | null =>
  reach === 'ministry' ? ministryInspector(ctx) : provinceInspector(ctx);

/** Whom a caller speaks for on a rectification: their pilot area and/or their province (or the ministry). */
export function rectificationCallers(ctx: AuthorizedContext, reach: Reach): RectificationCaller[] {
  const callers: RectificationCaller[] = [];
  const { roles, organisationId } = ctx.principal;
  if (reach === 'province' && roles.includes('pilot-area-officer') && organisationId)
    callers.push({ kind: 'pilot-area', organisationId });
  const inspector = inspectorOf(ctx, reach);
  if (inspector) callers.push({ kind: 'inspector', ...inspector });
  return callers;
}

/** A province officer sees every record of the province, a pilot-area officer only their area's. */
const visibleInProvince = (ctx: AuthorizedContext, pilotAreaId: string) =>
  ctx.principal.roles.includes('province-officer') || ctx.principal.organisationId === pilotAreaId;

/** An inspection of the caller's province (national: any, found through the index); else not found. */
export async function findInspection(
  deps: ServiceDeps,
  ctx: AuthorizedContext,
  reach: Reach,
  inspectionId: string,
): Promise<{ scope: TenantScope; inspection: InspectionDocument }> {
  let scope: TenantScope;
  if (reach === 'province') scope = requireProvince(ctx);
  else {
    const row = await (await deps.databases.model(nationalScope, inspectionIndexModel))
      .findById(inspectionId)
      .select({ province: 1 })
      .lean<Pick<InspectionIndexRow, 'province'>>();
    if (!row) throw inspectionErrors.inspectionNotFound(inspectionId);
    scope = tenantScope(row.province);
  }
  const inspection = await (await inspections(deps, scope))
    .findById(inspectionId)
    .select({ outbox: 0 })
    .lean<InspectionDocument>();
  if (!inspection || (reach === 'province' && !visibleInProvince(ctx, inspection.pilotAreaId)))
    throw inspectionErrors.inspectionNotFound(inspectionId);
  return { scope, inspection };
}

/** A rectification of the caller's province (national: any, found through the index); else not found. */
export async function findRectification(
  deps: ServiceDeps,
  ctx: AuthorizedContext,
  reach: Reach,
  rectificationId: string,
): Promise<{ scope: TenantScope; rectification: RectificationDocument }> {
  let scope: TenantScope;
  if (reach === 'province') scope = requireProvince(ctx);
  else {
    const row = await (await deps.databases.model(nationalScope, rectificationIndexModel))
      .findById(rectificationId)
      .select({ province: 1 })
      .lean<Pick<RectificationIndexRow, 'province'>>();
    if (!row) throw inspectionErrors.rectificationNotFound(rectificationId);
    scope = tenantScope(row.province);
  }
  const rectification = await (await rectifications(deps, scope))
    .findById(rectificationId)
    .select({ outbox: 0 })
    .lean<RectificationDocument>();
  if (!rectification || (reach === 'province' && !visibleInProvince(ctx, rectification.pilotAreaId)))
    throw inspectionErrors.rectificationNotFound(rectificationId);
  return { scope, rectification };
}

export interface RecordChange<T> {
  set: Partial<T>;
  events: EventDraft[];
  audit: { action: string; changes: AuditedChange[]; reason?: string | null };
  /** documents written with the change under its claim (progress reports) */
  records?: ChangeRecord[];
}

/**
 * One version-conditional change of an inspection or rectification with its events and audit
 * line, under the version claim. A stale version, or a race lost, is a version conflict.
 */
export async function commitChange<
  T extends OutboxFields & { _id: string; updatedBy: string; updatedAt: Date },
>(
  deps: ServiceDeps,
  scope: TenantScope,
  model: Model<T>,
  subject: { type: string; what: { 'zh-CN': string; en: string } },
  current: T,
  expectedVersion: number,
  actor: EventActor,
  change: RecordChange<T>,
): Promise<T> {
  const conflict = (latest: T | null) =>
    versionConflict(
      subject.what,
      expectedVersion,
      latest?.version ?? expectedVersion + 1,
      latest?.updatedBy ?? '?',
      latest?.updatedAt ?? deps.now(),
    );
  if (current.version !== expectedVersion) throw conflict(current);
  const now = deps.now();
  const audit = versionedAuditLine(
    { type: subject.type, id: current._id },
    current.version + 1,
    actor,
    now,
    change.audit.action,
    change.audit.changes,
    change.audit.reason ?? null,
  );
  const updated = await deps.outbox.commit(
    model,
    current,
    { $set: { ...change.set, updatedAt: now, updatedBy: actor.userId } } as never,
    change.events,
    { tenant: scope.tenant, actor, now },
    [
      { model: await deps.databases.model(scope, auditTrailModel), document: { ...audit } },
      ...(change.records ?? []),
    ],
  );
  if (!updated) throw conflict(await model.findById(current._id).lean<T>());
  return updated;
}
