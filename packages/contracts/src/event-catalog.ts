import type { EventDefinition } from './define-event';
import { adoptionEvents } from './events/adoption/adoption-events';
import { approvalEvents } from './events/approval/approval-events';
import { batchEvents } from './events/batch/batch-events';
import { planEvents } from './events/plan/plan-events';
import { practiceEvents } from './events/practice/practice-events';
import { reportEvents } from './events/report/report-events';

/** Every event version the platform knows; a consumer validates against its entry. */
export const eventCatalog: readonly EventDefinition[] = [
  ...planEvents,
  ...approvalEvents,
  ...reportEvents,
  ...practiceEvents,
  ...batchEvents,
  ...adoptionEvents,
];

const byType = new Map(eventCatalog.map((e) => [e.type, e]));
export const findEventDefinition = (type: string): EventDefinition | undefined => byType.get(type);
