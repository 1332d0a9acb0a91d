import type { EventActor } from '@tradepilot/contracts';
import type { EventDraft } from '@tradepilot/messaging';
import { insertOnce } from '@tradepilot/messaging';
import type { ServiceDeps } from '@tradepilot/service-kit';
import type { TenantDatabases, TenantScope } from '@tradepilot/tenancy';
import type { Model } from 'mongoose';
import { appliedEventModel } from './applied-event-model';
import { practiceAuditModel, type FieldChange, type PracticeAuditDocument } from './practice-audit-model';
import { practiceModel, type PracticeDocument } from './practice-model';

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
   * One change of a practice: state and events in one conditional write, its audit line (whose
   * `_id` = practice:version) written under the same version claim (the platform's outbox).
   * Null when someone else changed it first.
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
    return deps.outbox.commit(
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
      [{ model: audits, document: { ...entry } }],
    );
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
