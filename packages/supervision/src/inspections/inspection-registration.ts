import type { ServiceDeps } from '@tradepilot/service-kit';
import { TimerScheduler } from '@tradepilot/timers';
import { inspectionIndexModel } from './inspection-index-model';
import { inspectionIndexProjection } from './inspection-index-projection';
import { inspectionModel } from './inspection-model';
import { rectificationIndexModel } from './rectification-index-model';
import { rectificationModel } from './rectification-model';
import { rectificationTimers } from './rectification-timers';
import { rectificationUpdateModel } from './rectification-update-model';

/** What the service registers for inspections: their collections, the national indexes, the overdue timers. */
export const inspectionModels = [
  inspectionModel,
  rectificationModel,
  rectificationUpdateModel,
  inspectionIndexModel,
  rectificationIndexModel,
];

export const inspectionHandlers = (deps: ServiceDeps) => inspectionIndexProjection(deps);

export const rectificationTimerTask = (deps: ServiceDeps & { config: { SCHEDULER_POLL_MS: number } }) =>
  new TimerScheduler(deps.databases, rectificationTimers(deps), {
    name: 'rectification-timers',
    pollMs: deps.config.SCHEDULER_POLL_MS,
    logger: deps.logger,
    now: deps.now,
  });
