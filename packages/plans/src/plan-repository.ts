import { AppliedEvents } from '@tradepilot/messaging';
import type { TenantDatabases, TenantScope } from '@tradepilot/tenancy';
import { trusted } from '@tradepilot/tenancy';
import type { Model } from 'mongoose';
import { planAuditId, planAuditModel, type PlanAuditDocument } from './plan-audit-model';
import { planModel, type PlanDocument } from './plan-model';
import { planVersionModel, planVersionId, type PlanVersionDocument } from './plan-version-model';

/** Plans of one province at a time: every method names the scope it reads or writes. */
export class PlanRepository {
  readonly appliedEvents: AppliedEvents;

  constructor(private readonly databases: TenantDatabases) {
    this.appliedEvents = new AppliedEvents(databases);
  }

  model(scope: TenantScope): Promise<Model<PlanDocument>> {
    return this.databases.model(scope, planModel);
  }

  versionModel(scope: TenantScope): Promise<Model<PlanVersionDocument>> {
    return this.databases.model(scope, planVersionModel);
  }

  auditModel(scope: TenantScope): Promise<Model<PlanAuditDocument>> {
    return this.databases.model(scope, planAuditModel);
  }

  /** The audit log up to the plan's version, newest first (a line above it is a change that never landed). */
  async audit(
    scope: TenantScope,
    plan: Pick<PlanDocument, '_id' | 'version'>,
    offset: number,
    limit: number,
  ): Promise<{ total: number; entries: PlanAuditDocument[] }> {
    const model = await this.auditModel(scope);
    // one line per version under a derived _id: the page is its _ids, read in one query (FerretDB
    // scans the province's lines once per query, so not once per line) and the total is the version
    const newest = plan.version - offset;
    const versions = Array.from({ length: Math.max(0, Math.min(limit, newest)) }, (_, i) => newest - i);
    if (versions.length === 0) return { total: plan.version, entries: [] };
    const lines = await model
      .find({ _id: trusted({ $in: versions.map((version) => planAuditId(plan._id, version)) }) } as never)
      .lean<PlanAuditDocument[]>();
    return { total: plan.version, entries: lines.sort((a, b) => b.version - a.version) };
  }

  async get(scope: TenantScope, planId: string): Promise<PlanDocument | null> {
    return (await this.model(scope)).findById(planId).lean<PlanDocument>();
  }

  async list(scope: TenantScope, filter: { pilotAreaId?: string | undefined } = {}): Promise<PlanDocument[]> {
    const query = filter.pilotAreaId ? { pilotAreaId: filter.pilotAreaId } : {};
    return (await this.model(scope))
      .find(query)
      .select({ outbox: 0 })
      .sort({ updatedAt: -1 })
      .limit(200)
      .lean<PlanDocument[]>();
  }

  /** A frozen submission, only once that submission committed (`upTo` = the plan's submission count). */
  async version(scope: TenantScope, planId: string, submission: number, upTo: number) {
    if (submission > upTo) return null;
    return (await this.versionModel(scope))
      .findById(planVersionId(planId, submission))
      .lean<PlanVersionDocument>();
  }

  /** Freezes a submission; a leftover of an attempt that never committed is replaced. */
  async freeze(scope: TenantScope, snapshot: PlanVersionDocument): Promise<void> {
    await (await this.versionModel(scope)).replaceOne({ _id: snapshot._id }, snapshot, { upsert: true });
  }

  async versionsOf(scope: TenantScope, planId: string, upTo: number): Promise<PlanVersionDocument[]> {
    return (await this.versionModel(scope))
      .find({ planId, submission: trusted({ $lte: upTo }) })
      .sort({ submission: 1 })
      .lean<PlanVersionDocument[]>();
  }
}
