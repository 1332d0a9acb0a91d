import type { TenantDatabases, TenantScope } from '@tradepilot/tenancy';
import { trusted } from '@tradepilot/tenancy';
import type { Model } from 'mongoose';
import { planModel, type PlanDocument } from './plan-model';
import { planVersionModel, planVersionId, type PlanVersionDocument } from './plan-version-model';

/** Plans of one province at a time: every method names the scope it reads or writes. */
export class PlanRepository {
  constructor(private readonly databases: TenantDatabases) {}

  model(scope: TenantScope): Promise<Model<PlanDocument>> {
    return this.databases.model(scope, planModel);
  }

  versionModel(scope: TenantScope): Promise<Model<PlanVersionDocument>> {
    return this.databases.model(scope, planVersionModel);
  }

  async get(scope: TenantScope, planId: string): Promise<PlanDocument | null> {
    return (await this.model(scope)).findById(planId).lean<PlanDocument>();
  }

  async list(scope: TenantScope, filter: { pilotAreaId?: string | undefined } = {}): Promise<PlanDocument[]> {
    const query = filter.pilotAreaId ? { pilotAreaId: filter.pilotAreaId } : {};
    return (await this.model(scope))
      .find(query)
      .select({ audit: 0, outbox: 0 })
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
