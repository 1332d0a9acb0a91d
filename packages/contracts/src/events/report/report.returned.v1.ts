import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { reportTopic } from './report-topic';

/** The reviewer returned a progress report with comments: the pilot area's draft is open again. */
export const reportReturnedV1 = defineEvent({
  type: 'report.returned.v1',
  topic: reportTopic,
  data: z.strictObject({
    reportId: z.string().min(1).max(128),
    pilotAreaId: z.string().min(1).max(64),
    periodId: z.string().min(1).max(64),
    round: z.int().min(2000),
    submission: z.int().min(1),
    caseId: z.string().min(1).max(128),
    reason: z.string().max(4000),
    returnedAt: z.iso.datetime(),
  }),
});
