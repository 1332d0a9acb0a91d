import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { supervisionTopics } from '../supervision-topics';
import { measureImplementationStatusSchema } from './measure-implementation-status';

/**
 * An accepted report changed the status of a measure in a pilot area for a period. The aggregate
 * is the (round, pilot area, measure) triple: `<round>:<pilotAreaId>:<measureId>`.
 */
export const measureStatusChangedV1 = defineEvent({
  type: 'measure.status_changed.v1',
  topic: supervisionTopics.measure,
  data: z.strictObject({
    pilotAreaId: z.string().min(1).max(64),
    measureId: z.string().min(1).max(32),
    round: z.int().min(2000),
    periodId: z.string().min(1).max(64),
    status: measureImplementationStatusSchema,
    /** null the first time the measure is reported on in this round */
    previousStatus: measureImplementationStatusSchema.nullable(),
    /** the accepted report that moved it */
    reportId: z.string().min(1).max(128),
    changedAt: z.iso.datetime(),
  }),
});
