import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { topics } from '../../topics';

/** The approver returned (or rejected) a submission; the plan goes back to drafting. */
export const planReturnedV1 = defineEvent({
  type: 'plan.returned.v1',
  topic: topics.plan,
  data: z.strictObject({
    planId: z.string().min(1),
    pilotAreaId: z.string().min(1),
    /** the program round of the plan. Optional: added after v1. */
    round: z.int().min(2000).optional(),
    submission: z.int().min(1),
    outcome: z.enum(['returned', 'rejected']),
    reason: z.string().max(4000),
    caseId: z.string().min(1),
    returnedAt: z.iso.datetime(),
  }),
});
