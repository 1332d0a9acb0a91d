import type { EventDefinition } from './define-event';
import { adoptionEvents } from './events/adoption/adoption-events';
import { approvalEvents } from './events/approval/approval-events';
import { assessmentEvents } from './events/assessment/assessment-events';
import { inspectionEvents } from './events/inspection/inspection-events';
import { issueEvents } from './events/issue/issue-events';
import { measureEvents } from './events/measure/measure-events';
import { periodEvents } from './events/period/period-events';
import { batchEvents } from './events/batch/batch-events';
import { planEvents } from './events/plan/plan-events';
import { practiceEvents } from './events/practice/practice-events';
import { rectificationEvents } from './events/rectification/rectification-events';
import { reportEvents } from './events/report/report-events';

/** Every event version the platform knows; a consumer validates against its entry. */
export const eventCatalog: readonly EventDefinition[] = [
  ...planEvents,
  ...approvalEvents,
  ...reportEvents,
  ...periodEvents,
  ...measureEvents,
  ...issueEvents,
  ...inspectionEvents,
  ...rectificationEvents,
  ...assessmentEvents,
  ...practiceEvents,
  ...batchEvents,
  ...adoptionEvents,
];

const byType = new Map(eventCatalog.map((e) => [e.type, e]));
export const findEventDefinition = (type: string): EventDefinition | undefined => byType.get(type);
