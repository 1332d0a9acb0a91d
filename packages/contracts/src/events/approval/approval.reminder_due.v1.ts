import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { approvalTopics } from './approval-topics';
import { caseSubjectSchema } from './case-subject';
import { approverSchema } from './case-step';

/** A step is due soon: its approvers are reminded (once per step, by the durable scheduler). */
export const approvalReminderDueV1 = defineEvent({
  type: 'approval.reminder_due.v1',
  topic: approvalTopics.case,
  data: z.strictObject({
    caseId: z.string().min(1),
    caseType: z.string().min(1).max(32),
    subject: caseSubjectSchema,
    stepId: z.string().min(1).max(64),
    level: z.int().min(1),
    approver: approverSchema,
    remindAt: z.iso.datetime(),
    dueAt: z.iso.datetime(),
  }),
});
