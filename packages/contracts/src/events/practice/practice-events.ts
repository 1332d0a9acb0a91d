import type { EventDefinition } from '../../define-event';
import { practiceSubmittedV1 } from './practice.submitted.v1';

/** Every event version of the exemplary practice aggregate (topic practices.practice). */
export const practiceEvents: readonly EventDefinition[] = [practiceSubmittedV1];
