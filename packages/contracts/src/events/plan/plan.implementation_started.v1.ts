import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { topics } from '../../topics';

/** The pilot area started carrying out its approved plan. */
export const planImplementationStartedV1 = defineEvent({
  type: 'plan.implementation_started.v1',
  topic: topics.plan,
  data: z.strictObject({
    planId: z.string().min(1),
    pilotAreaId: z.string().min(1),
    /** the program round of the plan. Optional: added after v1. */
    round: z.int().min(2000).optional(),
    inForceSubmission: z.int().min(1),
    startedAt: z.iso.datetime(),
  }),
});
