import type { EventDefinition } from '../../define-event';
import { adoptionStatusChangedV1 } from './adoption.status_changed.v1';

/** Every event version of the adoption aggregate (topic practices.adoption). */
export const adoptionEvents: readonly EventDefinition[] = [adoptionStatusChangedV1];
