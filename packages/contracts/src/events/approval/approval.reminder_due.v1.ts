import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { approvalTopics } from './approval-topics';
import { stepReferenceShape } from './case-step';

/** A step is due soon: its approvers are reminded (once per step, by the durable scheduler). */
export const approvalReminderDueV1 = defineEvent({
  type: 'approval.reminder_due.v1',
  topic: approvalTopics.case,
  data: z.strictObject({
    ...stepReferenceShape,
    remindAt: z.iso.datetime(),
    dueAt: z.iso.datetime(),
  }),
});
