import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { localizedTextSchema } from '../../localized-text';
import { supervisionTopics } from '../supervision-topics';
import { inspectorLevelSchema } from './inspection-terms';

/** The ministry or a province scheduled an inspection (督查) of a pilot area. */
export const inspectionScheduledV1 = defineEvent({
  type: 'inspection.scheduled.v1',
  topic: supervisionTopics.inspection,
  data: z.strictObject({
    inspectionId: z.string().min(1).max(128),
    round: z.int().min(2000),
    pilotAreaId: z.string().min(1).max(64),
    inspectorLevel: inspectorLevelSchema,
    /** `mofcom` or the province's tenant id */
    inspectorOrganisationId: z.string().min(1).max(64),
    subject: localizedTextSchema,
    startDate: z.iso.date(),
    endDate: z.iso.date(),
    scheduledAt: z.iso.datetime(),
  }),
});
