import type { EventActor } from '@tradepilot/contracts';
import type { EventDraft } from '@tradepilot/messaging';
import { insertOnce } from '@tradepilot/messaging';
import type { ServiceDeps } from '@tradepilot/service-kit';
import type { TenantDatabases, TenantScope } from '@tradepilot/tenancy';
import type { Model } from 'mongoose';
import { appliedEventModel } from './applied-event-model';
import { practiceAuditModel, type FieldChange, type PracticeAuditDocument } from './practice-audit-model';
import { practiceModel, type PracticeDocument } from './practice-model';

/** A claim older than this, on a practice still at the claimed version, was left by a crash. */
const staleClaimMs = 30_000;

export interface PracticeChange {
  set: Record<string, unknown>;
  events: EventDraft[];
  audit: { action: string; changes?: FieldChange[]; reason?: string | null };
}

export const auditId = (practiceId: string, version: number) => `${practiceId}:${version}`;

/** Practices of one province at a time: every method names the scope it reads or writes. */
export class PracticeRepository {
  constructor(private readonly databases: TenantDatabases) {}

  model(scope: TenantScope): Promise<Model<PracticeDocument>> {
    return this.databases.model(scope, practiceModel);
  }

  async get(scope: TenantScope, practiceId: string): Promise<PracticeDocument | null> {
    return (await this.model(scope)).findById(practiceId).lean<PracticeDocument>();
  }

  async list(scope: TenantScope, filter: Record<string, string>): Promise<PracticeDocument[]> {
    return (await this.model(scope))
      .find(filter)
      .select({ outbox: 0 })
      .sort({ updatedAt: -1 })
      .limit(200)
      .lean<PracticeDocument[]>();
  }

  async audit(scope: TenantScope, practiceId: string): Promise<PracticeAuditDocument[]> {
    return (await this.databases.model(scope, practiceAuditModel))
      .find({ practiceId })
      .sort({ version: 1 })
      .lean<PracticeAuditDocument[]>();
  }

  /**
   * One change of a practice: the audit line for the next version is inserted first under a
   * unique id (the claim that makes the version check hold across instances, even on FerretDB),
   * then state and events in one conditional write. Null when someone else changed it first.
   */
  async commit(
    deps: ServiceDeps,
    scope: TenantScope,
    practice: PracticeDocument,
    actor: EventActor,
    change: PracticeChange,
    options: { causationId?: string | null; eventActor?: EventActor } = {},
  ): Promise<PracticeDocument | null> {
    const now = deps.now();
    const audits = await this.databases.model(scope, practiceAuditModel);
    const entry: PracticeAuditDocument = {
      _id: auditId(practice._id, practice.version + 1),
      practiceId: practice._id,
      at: now,
      actor: { userId: actor.userId, role: actor.role, organisationId: actor.organisationId },
      action: change.audit.action,
      changes: change.audit.changes ?? [],
      reason: change.audit.reason ?? null,
      version: practice.version + 1,
    };
    if (!(await this.claim(scope, audits, entry, now))) return null;
    const updated = await deps.outbox.commit(
      await this.model(scope),
      practice,
      { $set: { ...change.set, updatedAt: now, updatedBy: actor.userId } },
      change.events,
      {
        tenant: scope.tenant,
        actor: options.eventActor ?? actor,
        now,
        causationId: options.causationId ?? null,
      },
    );
    if (!updated) await audits.deleteOne({ _id: entry._id });
    return updated;
  }

  private async claim(
    scope: TenantScope,
    audits: Model<PracticeAuditDocument>,
    entry: PracticeAuditDocument,
    now: Date,
  ): Promise<boolean> {
    if ((await insertOnce(() => audits.create(entry))) === 'inserted') return true;
    const existing = await audits.findById(entry._id).lean<PracticeAuditDocument>();
    if (!existing || now.getTime() - new Date(existing.at).getTime() < staleClaimMs) return false;
    // an old claim on a version the practice never reached was left by a crash: take it over
    const current = await this.get(scope, entry.practiceId);
    if (!current || current.version >= entry.version) return false;
    await audits.deleteOne({ _id: entry._id });
    return (await insertOnce(() => audits.create(entry))) === 'inserted';
  }

  /** The first audit line of a new practice (version 1). */
  async recordCreation(
    scope: TenantScope,
    practice: PracticeDocument,
    actor: EventActor,
    at: Date,
  ): Promise<void> {
    await (
      await this.databases.model(scope, practiceAuditModel)
    ).create({
      _id: auditId(practice._id, 1),
      practiceId: practice._id,
      at,
      actor: { userId: actor.userId, role: actor.role, organisationId: actor.organisationId },
      action: 'created',
      changes: [],
      reason: null,
      version: 1,
    });
  }

  /** Records that `eventId` was applied for `purpose`; false when it already was. */
  async markApplied(
    scope: TenantScope,
    eventId: string,
    purpose: string,
    type: string,
    aggregateId: string,
    now: Date,
  ): Promise<boolean> {
    const model = await this.databases.model(scope, appliedEventModel);
    return (
      (await insertOnce(() =>
        model.create({ _id: `${eventId}:${purpose}`, type, aggregateId, appliedAt: now }),
      )) === 'inserted'
    );
  }

  // a find by _id: countDocuments is an aggregation on FerretDB, several times slower
  async wasApplied(scope: TenantScope, eventId: string, purpose: string): Promise<boolean> {
    return (
      (await (
        await this.databases.model(scope, appliedEventModel)
      ).exists({ _id: `${eventId}:${purpose}` })) !== null
    );
  }
}
