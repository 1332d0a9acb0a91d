import { planClosedV1 } from '@tradepilot/contracts';
import { moveAllSettled, startupMigrationTask, type SettledDocuments } from '@tradepilot/messaging';
import type { ServiceDeps } from '@tradepilot/service-kit';
import { closedPlanModel } from './closed-plan-model';
import { planModel } from './plan-model';

/**
 * A closed plan leaves `plans` for `closed_plans` once its outbox is empty: no command changes a
 * closed plan (closing is its last change, `plan.closed.v1` its last event), so `plans` holds the
 * plans of current rounds only. A plan still carrying arrays or missing the task count that the
 * other start-up migrations add waits for them, so the archive only ever holds the current shape.
 */
export const closedPlans: SettledDocuments = {
  from: planModel,
  to: closedPlanModel,
  settled: {
    status: 'closed',
    audit: { $exists: false },
    appliedEventIds: { $exists: false },
    taskCount: { $exists: true },
  },
  finalEvents: [planClosedV1.type],
};

/** Moves the closed plans left in `plans` (all of them, on first start), each once its outbox is empty. */
export const migrateClosedPlans = (deps: Pick<ServiceDeps, 'databases'>): Promise<number> =>
  moveAllSettled(deps.databases, closedPlans);

/**
 * At start: closed plans left in `plans` (closed before closed plans had their own collection, or
 * whose move a crash or an outage interrupted) move, each only with its outbox empty.
 */
export const closedPlansMigration = (deps: Pick<ServiceDeps, 'logger' | 'databases'>) =>
  startupMigrationTask(
    'closed-plans',
    () => migrateClosedPlans(deps),
    deps.logger,
    'moved closed plans out of the current plans',
  );
