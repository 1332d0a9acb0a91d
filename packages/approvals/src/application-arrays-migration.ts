import {
  appliedEventId,
  appliedEventModel,
  moveArraysOut,
  startupMigrationTask,
} from '@tradepilot/messaging';
import type { ServiceDeps } from '@tradepilot/service-kit';
import { applicationModel } from './application-model';

export const applicationDecisionPurpose = 'application-decision';

/**
 * Applications written before the applied decisions had their own collection carry them as an
 * array (`appliedEventIds`): moved out at start, idempotently.
 */
export const migrateApplicationArrays = (deps: Pick<ServiceDeps, 'databases'>): Promise<number> =>
  moveArraysOut(deps.databases, applicationModel, [
    {
      field: 'appliedEventIds',
      to: appliedEventModel,
      documents: (application, eventIds) =>
        (eventIds as string[]).map((eventId) => ({
          _id: appliedEventId(eventId, applicationDecisionPurpose),
          eventId,
          purpose: applicationDecisionPurpose,
          aggregateId: String(application._id),
          appliedAt: new Date(0),
        })),
    },
  ]);

export const applicationArraysMigration = (deps: ServiceDeps) =>
  startupMigrationTask(
    'application-arrays',
    () => migrateApplicationArrays(deps),
    deps.logger,
    'moved embedded arrays to their collections',
  );
