import type { EventDefinition } from '../../define-event';
import { assessmentPublishedV1 } from './assessment.published.v1';

/** Every event version of the assessment run aggregate (topic supervision.assessment). */
export const assessmentEvents: readonly EventDefinition[] = [assessmentPublishedV1];
