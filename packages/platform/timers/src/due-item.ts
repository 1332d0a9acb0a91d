import { v5 as uuidv5 } from 'uuid';

/** Something that comes due: a subject (an aggregate, or a part of one), a kind and a due time. */
export interface DueItem {
  subject: string;
  kind: string;
  dueAt: Date;
}

// fixed namespace for the ids of timer events (uuid v5)
const namespace = '8d3f4c1a-6b2e-4e7d-9f10-2a5c7b9e0d34';

/** The claim key of an item: one per subject, kind and due time. */
export const dueItemKey = (item: DueItem): string =>
  `${item.subject}:${item.kind}:${item.dueAt.toISOString()}`;

/**
 * The event id of an item: the same for every scheduler and every sweep, so two schedulers can
 * never emit two distinct events for one due date.
 */
export const timerEventId = (item: DueItem): string => uuidv5(dueItemKey(item), namespace);
