import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { topics } from '../../topics';
import { caseSubjectSchema } from './case-subject';

export const caseOutcomes = ['approved', 'returned', 'rejected'] as const;

/** A case reached its outcome; the subject's owner reacts (e.g. plans marks the plan approved). */
export const approvalCaseCompletedV1 = defineEvent({
  type: 'approval.case_completed.v1',
  topic: topics.approvalCase,
  data: z.strictObject({
    caseId: z.string().min(1),
    caseType: z.string().min(1).max(32),
    subject: caseSubjectSchema,
    outcome: z.enum(caseOutcomes),
    /** required for returned and rejected */
    reason: z.string().max(4000).nullable(),
    /** the chain level that decided */
    level: z.int().min(1),
    decidedAt: z.iso.datetime(),
  }),
});
