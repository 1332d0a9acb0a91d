import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { localizedTextSchema } from '../../localized-text';
import { topics } from '../../topics';
import { caseSubjectSchema } from './case-subject';

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
  }),
});
