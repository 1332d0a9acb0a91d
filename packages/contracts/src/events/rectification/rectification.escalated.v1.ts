import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { inspectorLevelSchema } from '../inspection/inspection-terms';
import { supervisionTopics } from '../supervision-topics';
import { rectificationStatusSchema } from './rectification-status';

/**
 * A rectification passed its due date unfinished: flagged to the inspector and the ministry, once
 * per rectification (the event id is derived from the rectification, the kind and the due time).
 */
export const rectificationEscalatedV1 = defineEvent({
  type: 'rectification.escalated.v1',
  topic: supervisionTopics.rectification,
  data: z.strictObject({
    rectificationId: z.string().min(1).max(128),
    inspectionId: z.string().min(1).max(128),
    findingId: z.string().min(1).max(128),
    pilotAreaId: z.string().min(1).max(64),
    inspectorLevel: inspectorLevelSchema,
    /** where it stood when it became overdue */
    status: rectificationStatusSchema,
    rectificationDue: z.iso.date(),
    /** the end of the due date in China time */
    dueAt: z.iso.datetime(),
    escalatedAt: z.iso.datetime(),
  }),
});
