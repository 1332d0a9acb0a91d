import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { localizedTextSchema } from '../../localized-text';
import { reportTimelinessSchema } from './report-timeliness';
import { reportTopic } from './report-topic';

/**
 * A pilot area submitted its progress report for a reporting period; the province accepts or
 * returns it through the approval engine. Owned by the supervision service.
 */
export const reportSubmittedV1 = defineEvent({
  type: 'report.submitted.v1',
  topic: reportTopic,
  data: z.strictObject({
    reportId: z.string().min(1).max(128),
    pilotAreaId: z.string().min(1).max(64),
    periodId: z.string().min(1).max(32),
    title: localizedTextSchema,
    /** 1 for the first submission, +1 for each resubmission after a return */
    submission: z.int().min(1),
    submittedAt: z.iso.datetime(),
    /** the program round of the period (additive) */
    round: z.int().min(2000).optional(),
    /** fixed by the first submission: delivered by the due date or how late (additive) */
    timeliness: reportTimelinessSchema.optional(),
  }),
});
