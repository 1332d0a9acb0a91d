import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { supervisionTopics } from '../supervision-topics';

/** The pilot area submitted its rectification as done; the inspector accepts or sends it back. */
export const rectificationSubmittedV1 = defineEvent({
  type: 'rectification.submitted.v1',
  topic: supervisionTopics.rectification,
  data: z.strictObject({
    rectificationId: z.string().min(1).max(128),
    inspectionId: z.string().min(1).max(128),
    findingId: z.string().min(1).max(128),
    pilotAreaId: z.string().min(1).max(64),
    submittedAt: z.iso.datetime(),
  }),
});
