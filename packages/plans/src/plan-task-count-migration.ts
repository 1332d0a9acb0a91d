import { startupMigrationTask, versionClaims } from '@tradepilot/messaging';
import type { ServiceDeps } from '@tradepilot/service-kit';
import type { Collection } from 'mongodb';
import { planModel, type PlanDocument } from './plan-model';

const batchSize = 100;

/**
 * Plans stored before they carried their task count get it from their tasks, so the list never
 * reads tasks. Each write is under a hold on the plan's version (no save interleaves) and only
 * where the count is still missing: safe to run twice and by several instances at once. Returns
 * how many plans it counted.
 */
export async function countPlanTasks(deps: Pick<ServiceDeps, 'databases'>): Promise<number> {
  let counted = 0;
  for (const scope of await deps.databases.existingScopes()) {
    if (scope.kind !== 'tenant') continue;
    const model = await deps.databases.model(scope, planModel);
    const collection = model.collection as unknown as Collection<PlanDocument>;
    const uncounted = { taskCount: { $exists: false } };
    // a plan someone changes meanwhile is left for the next round (its hold fails)
    for (let round = 0; round < 1000; round += 1) {
      const plans = await collection
        .find(uncounted, { projection: { _id: 1, version: 1, tasks: 1 } })
        .limit(batchSize)
        .toArray();
      if (plans.length === 0) break;
      for (const plan of plans) {
        const version = plan.version ?? 1;
        const result = await versionClaims.hold(model as never, plan._id, version, () =>
          collection.updateOne(
            { _id: plan._id, version, ...uncounted },
            { $set: { taskCount: (plan.tasks ?? []).length } },
          ),
        );
        if (result?.modifiedCount === 1) counted += 1;
      }
    }
  }
  return counted;
}

export const planTaskCountMigration = (deps: ServiceDeps) =>
  startupMigrationTask(
    'plan-task-count',
    () => countPlanTasks(deps),
    deps.logger,
    'counted the tasks of plans stored without a count',
  );
