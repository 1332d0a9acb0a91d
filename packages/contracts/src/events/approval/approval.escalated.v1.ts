import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { approvalTopics } from './approval-topics';
import { caseSubjectSchema } from './case-subject';
import { approverSchema } from './case-step';

/** A step passed its due date: the case goes on the overdue list of `escalatedTo` (once per step). */
export const approvalEscalatedV1 = defineEvent({
  type: 'approval.escalated.v1',
  topic: approvalTopics.case,
  data: z.strictObject({
    caseId: z.string().min(1),
    caseType: z.string().min(1).max(32),
    subject: caseSubjectSchema,
    stepId: z.string().min(1).max(64),
    level: z.int().min(1),
    approver: approverSchema,
    dueAt: z.iso.datetime(),
    escalatedAt: z.iso.datetime(),
    escalatedTo: z.array(approverSchema).min(1).max(20),
  }),
});
