import type { EventDefinition } from '../../define-event';
import { rectificationClosedV1 } from './rectification.closed.v1';
import { rectificationEscalatedV1 } from './rectification.escalated.v1';
import { rectificationReturnedV1 } from './rectification.returned.v1';
import { rectificationSubmittedV1 } from './rectification.submitted.v1';

/** Every event version of the rectification aggregate (topic supervision.rectification). */
export const rectificationEvents: readonly EventDefinition[] = [
  rectificationSubmittedV1,
  rectificationReturnedV1,
  rectificationClosedV1,
  rectificationEscalatedV1,
];
