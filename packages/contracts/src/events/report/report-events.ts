import type { EventDefinition } from '../../define-event';
import { reportAcceptedV1 } from './report.accepted.v1';
import { reportReturnedV1 } from './report.returned.v1';
import { reportSubmittedV1 } from './report.submitted.v1';

/** Every event version of the progress report aggregate (topic supervision.report). */
export const reportEvents: readonly EventDefinition[] = [
  reportSubmittedV1,
  reportAcceptedV1,
  reportReturnedV1,
];
