import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { topics } from '../../topics';

/** The plan was closed (its period ended or the round is over); nothing changes it any more. */
export const planClosedV1 = defineEvent({
  type: 'plan.closed.v1',
  topic: topics.plan,
  data: z.strictObject({
    planId: z.string().min(1),
    pilotAreaId: z.string().min(1),
    /** the program round of the plan. Optional: added after v1. */
    round: z.int().min(2000).optional(),
    inForceSubmission: z.int().min(1),
    reason: z.string().min(1).max(4000),
    closedAt: z.iso.datetime(),
  }),
});
