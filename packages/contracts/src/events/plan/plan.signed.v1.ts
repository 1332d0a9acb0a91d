import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { topics } from '../../topics';
import { signOffPartySchema } from './sign-off-party';

/**
 * An officer signed the plan as it is at `planVersion`. In a dual-role government one sign-off
 * covers both parties.
 */
export const planSignedV1 = defineEvent({
  type: 'plan.signed.v1',
  topic: topics.plan,
  data: z.strictObject({
    planId: z.string().min(1),
    pilotAreaId: z.string().min(1),
    /** the program round of the plan. Optional: added after v1. */
    round: z.int().min(2000).optional(),
    planVersion: z.int().min(1),
    parties: z.array(signOffPartySchema).min(1).max(2),
    signedBy: z.string().min(1).max(128),
    signedAt: z.iso.datetime(),
    /** both parties have now signed: the plan may be submitted */
    complete: z.boolean(),
  }),
});
