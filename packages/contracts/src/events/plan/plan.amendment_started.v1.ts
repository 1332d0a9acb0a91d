import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { topics } from '../../topics';

/** An approved plan is being amended; the approved version stays in force until the amendment is approved. */
export const planAmendmentStartedV1 = defineEvent({
  type: 'plan.amendment_started.v1',
  topic: topics.plan,
  data: z.strictObject({
    planId: z.string().min(1),
    pilotAreaId: z.string().min(1),
    /** the program round of the plan. Optional: added after v1. */
    round: z.int().min(2000).optional(),
    inForceSubmission: z.int().min(1),
    reason: z.string().min(1).max(4000),
    startedAt: z.iso.datetime(),
  }),
});
