import type { EventDefinition } from '../../define-event';
import { inspectionFindingRecordedV1 } from './inspection.finding_recorded.v1';

/** Every event version of the inspection aggregate (topic supervision.inspection). */
export const inspectionEvents: readonly EventDefinition[] = [inspectionFindingRecordedV1];
