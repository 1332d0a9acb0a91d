import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { localizedTextSchema } from '../../localized-text';
import { practiceTopic } from './practice-topic';

/**
 * A pilot area submitted an exemplary practice: its province recommends it, then the ministry
 * publishes it into a batch, through the approval engine. Owned by the practices service.
 */
export const practiceSubmittedV1 = defineEvent({
  type: 'practice.submitted.v1',
  topic: practiceTopic,
  data: z.strictObject({
    practiceId: z.string().min(1).max(128),
    pilotAreaId: z.string().min(1).max(64),
    title: localizedTextSchema,
    summary: z.string().max(2000),
    submission: z.int().min(1),
    submittedAt: z.iso.datetime(),
  }),
});
