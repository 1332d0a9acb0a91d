import type { EventDefinition } from '../../define-event';
import { batchPublishedV1 } from './batch.published.v1';

/** Every event version of the batch aggregate (topic practices.batch). */
export const batchEvents: readonly EventDefinition[] = [batchPublishedV1];
