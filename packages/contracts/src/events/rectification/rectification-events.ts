import type { EventDefinition } from '../../define-event';
import { rectificationClosedV1 } from './rectification.closed.v1';

/** Every event version of the rectification aggregate (topic supervision.rectification). */
export const rectificationEvents: readonly EventDefinition[] = [rectificationClosedV1];
