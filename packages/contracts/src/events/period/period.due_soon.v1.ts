import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { supervisionTopics } from '../supervision-topics';

/**
 * A reporting period's due date is N working days away (the schedule's reminder): the pilot areas
 * that have not submitted are reminded. Emitted once per period (national; the id is derived from
 * the period and its reminder time).
 */
export const periodDueSoonV1 = defineEvent({
  type: 'period.due_soon.v1',
  topic: supervisionTopics.period,
  data: z.strictObject({
    periodId: z.string().min(1).max(64),
    round: z.int().min(2000),
    due: z.iso.date(),
    workingDaysLeft: z.int().min(0).max(60),
    remindedAt: z.iso.datetime(),
  }),
});
