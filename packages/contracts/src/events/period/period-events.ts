import type { EventDefinition } from '../../define-event';
import { periodDuePassedV1 } from './period.due_passed.v1';
import { periodDueSoonV1 } from './period.due_soon.v1';
import { periodOpenedV1 } from './period.opened.v1';

/** Every event version of the reporting period aggregate (topic supervision.period). */
export const periodEvents: readonly EventDefinition[] = [periodOpenedV1, periodDueSoonV1, periodDuePassedV1];
