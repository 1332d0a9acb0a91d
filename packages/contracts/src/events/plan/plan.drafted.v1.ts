import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { localizedTextSchema } from '../../localized-text';
import { topics } from '../../topics';
import { planPeriodSchema } from './plan-period';

/** A pilot area's implementation plan was started (one per area per round). */
export const planDraftedV1 = defineEvent({
  type: 'plan.drafted.v1',
  topic: topics.plan,
  data: z.strictObject({
    planId: z.string().min(1),
    pilotAreaId: z.string().min(1),
    round: z.int().min(2000),
    title: localizedTextSchema,
    period: planPeriodSchema.nullable(),
    draftedAt: z.iso.datetime(),
  }),
});
