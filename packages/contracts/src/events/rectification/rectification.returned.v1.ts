import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { supervisionTopics } from '../supervision-topics';

/** The inspector sent a submitted rectification back to the pilot area with a reason. */
export const rectificationReturnedV1 = defineEvent({
  type: 'rectification.returned.v1',
  topic: supervisionTopics.rectification,
  data: z.strictObject({
    rectificationId: z.string().min(1).max(128),
    inspectionId: z.string().min(1).max(128),
    findingId: z.string().min(1).max(128),
    pilotAreaId: z.string().min(1).max(64),
    reason: z.string().min(1).max(4000),
    /** the due date from now on (the inspector may extend it when sending back) */
    rectificationDue: z.iso.date(),
    returnedAt: z.iso.datetime(),
  }),
});
