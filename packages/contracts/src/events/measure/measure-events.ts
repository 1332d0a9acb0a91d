import type { EventDefinition } from '../../define-event';
import { measureStatusChangedV1 } from './measure.status_changed.v1';

/** Every event version of a measure's implementation status in a pilot area (topic supervision.measure). */
export const measureEvents: readonly EventDefinition[] = [measureStatusChangedV1];
