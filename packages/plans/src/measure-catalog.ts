import { nationalScope, trusted, type TenantDatabases } from '@tradepilot/tenancy';
import type { Model } from 'mongoose';
import { measureModel, type MeasureDocument, type MeasureStatus } from './measure-model';
import { taskGroupModel, type TaskGroupDocument } from './task-group-model';

export interface MeasureFilter {
  taskGroupId?: string | undefined;
  pilotAreaId?: string | undefined;
  departmentId?: string | undefined;
  status?: MeasureStatus | undefined;
}

/** The measures catalog and the task groups, in the national database. */
export class MeasureCatalog {
  constructor(private readonly databases: TenantDatabases) {}

  measures(): Promise<Model<MeasureDocument>> {
    return this.databases.model(nationalScope, measureModel);
  }

  taskGroupModel(): Promise<Model<TaskGroupDocument>> {
    return this.databases.model(nationalScope, taskGroupModel);
  }

  async taskGroups(): Promise<TaskGroupDocument[]> {
    return (await this.taskGroupModel()).find().sort({ order: 1 }).lean<TaskGroupDocument[]>();
  }

  async get(measureId: string): Promise<MeasureDocument | null> {
    return (await this.measures()).findById(measureId).lean<MeasureDocument>();
  }

  async list(filter: MeasureFilter = {}): Promise<MeasureDocument[]> {
    const query: Record<string, unknown> = {};
    if (filter.taskGroupId) query['taskGroupId'] = filter.taskGroupId;
    if (filter.pilotAreaId) query['pilotAreas'] = filter.pilotAreaId;
    if (filter.departmentId) query['responsibleDepartments'] = filter.departmentId;
    if (filter.status) query['status'] = filter.status;
    return (await this.measures()).find(query).sort({ _id: 1 }).limit(5000).lean<MeasureDocument[]>();
  }

  /** The measures named, by id (those that exist). */
  async byIds(ids: string[]): Promise<Map<string, MeasureDocument>> {
    if (ids.length === 0) return new Map();
    const found = await (await this.measures())
      .find({ _id: trusted({ $in: [...new Set(ids)] }) })
      .lean<MeasureDocument[]>();
    return new Map(found.map((m) => [m._id, m]));
  }

  /** The active measures that apply to a pilot area: what its plan must cover or explain. */
  applicableTo(pilotAreaId: string): Promise<MeasureDocument[]> {
    return this.list({ pilotAreaId, status: 'active' });
  }

  async count(): Promise<number> {
    return (await this.measures()).countDocuments();
  }
}
