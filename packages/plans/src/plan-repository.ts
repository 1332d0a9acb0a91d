import { AppliedEvents, findCurrentOrSettled } from '@tradepilot/messaging';
import type { TenantDatabases, TenantScope } from '@tradepilot/tenancy';
import { trusted } from '@tradepilot/tenancy';
import type { Model } from 'mongoose';
import { closedPlanModel } from './closed-plan-model';
import { closedPlans } from './closed-plans';
import { planAuditId, planAuditModel, type PlanAuditDocument } from './plan-audit-model';
import type { PlanListPosition } from './plan-list-cursor';
import { planModel, type PlanDocument, type PlanStatus } from './plan-model';
import { planSummaryProjection, type PlanSummaryDocument } from './plan-summary';
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

  /** Closed plans whose events are published: read by id, by the list of closed plans, and by creation. */
  closedModel(scope: TenantScope): Promise<Model<PlanDocument>> {
    return this.databases.model(scope, closedPlanModel);
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

  /**
   * A plan wherever it is: current plans first, then closed ones (two reads by `_id`). A closed
   * plan is copied to `closed_plans` before it leaves `plans`, so this order never misses one
   * that moves meanwhile.
   */
  async get(scope: TenantScope, planId: string): Promise<PlanDocument | null> {
    return (
      (await findCurrentOrSettled<PlanDocument>(this.databases, scope, closedPlans, planId))?.document ?? null
    );
  }

  /**
   * The id of the pilot area's plan for a round, if it has one, current or closed. `plans` first:
   * a plan leaves it only once copied to `closed_plans`, so a plan not found there is either in
   * the archive by the time it is looked at, or does not exist (and a concurrent creation is then
   * refused by the unique index of `plans`). Creation only, once per pilot area per round.
   */
  async planOfRound(scope: TenantScope, pilotAreaId: string, round: number): Promise<string | null> {
    for (const model of [await this.model(scope), await this.closedModel(scope)]) {
      const found = await model.findOne({ pilotAreaId, round }).select({ _id: 1 }).lean<{ _id: string }>();
      if (found) return found._id;
    }
    return null;
  }

  /**
   * A page of the province's plans as the list shows them, newest change first. Keyset paging on
   * (updatedAt, _id): a page starts after the position where the last one ended, so it reads no
   * plan it skips where the store uses the indexes (FerretDB scans anyway); the projection leaves
   * the tasks and submission records in the store. Closed plans are read from `closed_plans` only
   * when asked for (and from `plans`, where a closed plan waits until its events are published):
   * the two pages merge in the same order, and a plan caught in both during its move counts once.
   * `more`: a further page has plans.
   */
  async summaries(
    scope: TenantScope,
    query: {
      statuses: readonly PlanStatus[];
      pilotAreaId?: string | undefined;
      after: PlanListPosition | null;
      limit: number;
    },
  ): Promise<{ plans: PlanSummaryDocument[]; more: boolean }> {
    const filter: Record<string, unknown> = { status: trusted({ $in: [...query.statuses] }) };
    // an empty id (an officer without an organisation) matches nothing, rather than every area
    if (query.pilotAreaId !== undefined) filter['pilotAreaId'] = query.pilotAreaId;
    if (query.after) {
      // the bound on updatedAt keeps an index scan from the cursor on; the $or drops its ties up to it
      filter['updatedAt'] = trusted({ $lte: query.after.updatedAt });
      filter['$or'] = [
        { updatedAt: trusted({ $lt: query.after.updatedAt }) },
        { _id: trusted({ $lt: query.after.id }) },
      ];
    }
    const models = [await this.model(scope)];
    if (query.statuses.includes('closed')) models.push(await this.closedModel(scope));
    const byId = new Map<string, PlanSummaryDocument>();
    for (const model of models) {
      // each collection's first limit + 1 after the position hold the merged page's
      for (const plan of await this.summariesIn(model, filter, query.limit + 1)) byId.set(plan._id, plan);
    }
    const found = [...byId.values()].sort(newestChangeFirst);
    return { plans: found.slice(0, query.limit), more: found.length > query.limit };
  }

  private async summariesIn(
    model: Model<PlanDocument>,
    filter: Record<string, unknown>,
    limit: number,
  ): Promise<PlanSummaryDocument[]> {
    const found = await model
      .find(filter)
      .select(planSummaryProjection)
      .sort({ updatedAt: -1, _id: -1 })
      .limit(limit)
      .lean<PlanSummaryDocument[]>();
    return this.withTaskCounts(model, found);
  }

  /** Plans stored before the task count was (until the start-up migration reaches them): counted from their tasks. */
  private async withTaskCounts(
    model: Model<PlanDocument>,
    plans: PlanSummaryDocument[],
  ): Promise<PlanSummaryDocument[]> {
    const uncounted = plans.filter((p) => typeof p.taskCount !== 'number').map((p) => p._id);
    if (uncounted.length === 0) return plans;
    const tasks = await model
      .find({ _id: trusted({ $in: uncounted }) })
      .select({ tasks: 1 })
      .lean<Pick<PlanDocument, '_id' | 'tasks'>[]>();
    const counts = new Map(tasks.map((p) => [p._id, (p.tasks ?? []).length]));
    return plans.map((p) =>
      typeof p.taskCount === 'number' ? p : { ...p, taskCount: counts.get(p._id) ?? 0 },
    );
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

/** The list's order: newest change first, ties by id descending (as the store sorts them). */
const newestChangeFirst = (a: PlanSummaryDocument, b: PlanSummaryDocument): number =>
  b.updatedAt.getTime() - a.updatedAt.getTime() || (a._id < b._id ? 1 : a._id > b._id ? -1 : 0);
