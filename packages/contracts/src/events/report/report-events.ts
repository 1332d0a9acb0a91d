import type { EventDefinition } from '../../define-event';
import { reportSubmittedV1 } from './report.submitted.v1';

/** Every event version of the progress report aggregate (topic supervision.report). */
export const reportEvents: readonly EventDefinition[] = [reportSubmittedV1];
