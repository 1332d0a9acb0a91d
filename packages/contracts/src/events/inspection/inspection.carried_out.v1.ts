import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { supervisionTopics } from '../supervision-topics';

/** The inspector recorded the inspection as carried out; findings may follow. */
export const inspectionCarriedOutV1 = defineEvent({
  type: 'inspection.carried_out.v1',
  topic: supervisionTopics.inspection,
  data: z.strictObject({
    inspectionId: z.string().min(1).max(128),
    pilotAreaId: z.string().min(1).max(64),
    startDate: z.iso.date(),
    endDate: z.iso.date(),
    carriedOutAt: z.iso.datetime(),
  }),
});
