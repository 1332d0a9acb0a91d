import type { EventActor } from '@tradepilot/contracts';
import type { EventDraft } from '@tradepilot/messaging';
import type { ServiceDeps } from '@tradepilot/service-kit';
import type { TenantScope } from '@tradepilot/tenancy';
import { auditEntry, type FieldChange } from './audit-entry';
import { planAuditLine } from './plan-audit-model';
import { versionConflict } from './plan-errors';
import type { PlanDocument } from './plan-model';
import type { PlanRepository } from './plan-repository';

export interface PlanChange {
  set: Record<string, unknown>;
  push?: Record<string, unknown>;
  events: EventDraft[];
  audit: { action: string; changes?: FieldChange[]; reason?: string | null };
}

/**
 * One change of a plan: state and events in one conditional write on the version read, its audit
 * line (`plan_audit`, `<plan>:<version>`) written under the same version claim. Someone else's
 * change in between is a conflict naming who made it and when.
 */
export async function commitPlanChange(
  deps: ServiceDeps,
  plans: PlanRepository,
  scope: TenantScope,
  plan: PlanDocument,
  actor: EventActor,
  change: PlanChange,
  /** eventActor: who the events name when a service reacts for someone (default: actor) */
  options: { causationId?: string; eventActor?: EventActor } = {},
): Promise<PlanDocument | null> {
  const now = deps.now();
  const entry = auditEntry(
    actor,
    change.audit.action,
    now,
    plan.version + 1,
    change.audit.changes ?? [],
    change.audit.reason ?? null,
  );
  return deps.outbox.commit(
    await plans.model(scope),
    plan,
    {
      $set: { ...change.set, updatedAt: now, updatedBy: actor.userId },
      ...(change.push ? { $push: change.push } : {}),
    },
    change.events,
    {
      tenant: scope.tenant,
      actor: options.eventActor ?? actor,
      now,
      causationId: options.causationId ?? null,
    },
    [{ model: await plans.auditModel(scope), document: { ...planAuditLine(plan._id, entry) } }],
  );
}

/** As commitPlanChange, for a person's request: a lost race is a VERSION_CONFLICT error. */
export async function commitOrConflict(
  deps: ServiceDeps,
  plans: PlanRepository,
  scope: TenantScope,
  plan: PlanDocument,
  actor: EventActor,
  change: PlanChange,
  expectedVersion: number,
): Promise<PlanDocument> {
  const updated = await commitPlanChange(deps, plans, scope, plan, actor, change);
  if (updated) return updated;
  // the winner holds the claim of the next version and may still be writing: the conflict names
  // its save once it has landed (bounded; a crashed winner leaves the version as it was)
  let latest = await plans.get(scope, plan._id);
  for (let waited = 0; latest && latest.version === plan.version && waited < 3_000; waited += 25) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    latest = await plans.get(scope, plan._id);
  }
  throw versionConflict(
    expectedVersion,
    latest?.version ?? expectedVersion,
    latest?.updatedBy ?? '?',
    latest?.updatedAt ?? deps.now(),
  );
}

/** The version the caller saw must be the current one. */
export function assertVersion(plan: PlanDocument, expected: number): void {
  if (plan.version !== expected)
    throw versionConflict(expected, plan.version, plan.updatedBy, plan.updatedAt);
}
