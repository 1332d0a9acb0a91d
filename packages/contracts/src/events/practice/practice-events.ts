import type { EventDefinition } from '../../define-event';
import { practicePublishedV1 } from './practice.published.v1';
import { practiceSubmittedV1 } from './practice.submitted.v1';

/** Every event version of the exemplary practice aggregate (topic practices.practice). */
export const practiceEvents: readonly EventDefinition[] = [practiceSubmittedV1, practicePublishedV1];
