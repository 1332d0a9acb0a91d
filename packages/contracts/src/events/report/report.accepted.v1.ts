import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { reportTimelinessSchema } from './report-timeliness';
import { reportTopic } from './report-topic';

/**
 * The reviewer (the province, or the ministry in a dual-role government) accepted a progress
 * report: its task statuses now count toward the implementation rate of its period.
 */
export const reportAcceptedV1 = defineEvent({
  type: 'report.accepted.v1',
  topic: reportTopic,
  data: z.strictObject({
    reportId: z.string().min(1).max(128),
    pilotAreaId: z.string().min(1).max(64),
    periodId: z.string().min(1).max(64),
    round: z.int().min(2000),
    /** the submission accepted */
    submission: z.int().min(1),
    caseId: z.string().min(1).max(128),
    timeliness: reportTimelinessSchema,
    acceptedAt: z.iso.datetime(),
  }),
});
