import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { supervisionTopics } from '../supervision-topics';

/** The inspector closed a rectification the pilot area reported on. */
export const rectificationClosedV1 = defineEvent({
  type: 'rectification.closed.v1',
  topic: supervisionTopics.rectification,
  data: z.strictObject({
    rectificationId: z.string().min(1).max(128),
    inspectionId: z.string().min(1).max(128),
    findingId: z.string().min(1).max(128),
    pilotAreaId: z.string().min(1).max(64),
    comment: z.string().max(4000),
    /** closed after its due date */
    overdue: z.boolean(),
    closedAt: z.iso.datetime(),
  }),
});
