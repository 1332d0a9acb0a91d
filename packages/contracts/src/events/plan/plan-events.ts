import type { EventDefinition } from '../../define-event';
import { planSubmittedV1 } from './plan.submitted.v1';

/** Every event version of the plan aggregate (topic plans.plan). */
export const planEvents: readonly EventDefinition[] = [planSubmittedV1];
