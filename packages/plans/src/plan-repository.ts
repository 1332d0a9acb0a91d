import type { TenantDatabases, TenantScope } from '@tradepilot/tenancy';
import type { Model } from 'mongoose';
import { planModel, type PlanDocument } from './plan-model';

/** Plans of one province at a time: every method names the scope it reads or writes. */
export class PlanRepository {
  constructor(private readonly databases: TenantDatabases) {}

  model(scope: TenantScope): Promise<Model<PlanDocument>> {
    return this.databases.model(scope, planModel);
  }

  async get(scope: TenantScope, planId: string): Promise<PlanDocument | null> {
    return (await this.model(scope)).findById(planId).lean<PlanDocument>();
  }

  async list(scope: TenantScope, filter: { pilotAreaId?: string } = {}): Promise<PlanDocument[]> {
    const query = filter.pilotAreaId ? { pilotAreaId: filter.pilotAreaId } : {};
    return (await this.model(scope)).find(query).sort({ updatedAt: -1 }).limit(200).lean<PlanDocument[]>();
  }
}
