import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { supervisionTopics } from '../supervision-topics';

/**
 * A reporting period's due date passed: every report not yet submitted is marked late. Emitted
 * once per period (national; the id is derived from the period and its due date).
 */
export const periodDuePassedV1 = defineEvent({
  type: 'period.due_passed.v1',
  topic: supervisionTopics.period,
  data: z.strictObject({
    periodId: z.string().min(1).max(64),
    round: z.int().min(2000),
    due: z.iso.date(),
    passedAt: z.iso.datetime(),
  }),
});
