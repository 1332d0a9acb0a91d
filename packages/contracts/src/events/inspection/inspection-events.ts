import type { EventDefinition } from '../../define-event';
import { inspectionCarriedOutV1 } from './inspection.carried_out.v1';
import { inspectionFindingRecordedV1 } from './inspection.finding_recorded.v1';
import { inspectionScheduledV1 } from './inspection.scheduled.v1';

/**
 * Every event version of the inspection aggregate (topic supervision.inspection). A finding is
 * recorded with its rectification: `inspection.finding_recorded.v1` is the first event of the
 * finding's record (its aggregate id is the rectification's).
 */
export const inspectionEvents: readonly EventDefinition[] = [
  inspectionScheduledV1,
  inspectionCarriedOutV1,
  inspectionFindingRecordedV1,
];
