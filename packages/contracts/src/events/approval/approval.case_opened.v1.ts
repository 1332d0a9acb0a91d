import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { localizedTextSchema } from '../../localized-text';
import { topics } from '../../topics';
import { caseSubjectSchema } from './case-subject';
import { openStepSchema } from './case-step';

/** An approval case was opened for a subject another service submitted. */
export const approvalCaseOpenedV1 = defineEvent({
  type: 'approval.case_opened.v1',
  topic: topics.approvalCase,
  data: z.strictObject({
    caseId: z.string().min(1),
    caseType: z.string().min(1).max(32),
    subject: caseSubjectSchema,
    title: localizedTextSchema,
    openedAt: z.iso.datetime(),
    /** a short description for inboxes (never the subject's content); added after v1 */
    summary: z.string().max(2000).optional(),
    /** the case this one follows (a resubmission of the same subject); added after v1 */
    previousCaseId: z.string().min(1).max(128).optional(),
    /** the steps awaiting a decision once opened; added after v1 */
    openSteps: z.array(openStepSchema).max(50).optional(),
  }),
});
