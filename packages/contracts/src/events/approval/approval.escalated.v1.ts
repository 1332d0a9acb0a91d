import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { approvalTopics } from './approval-topics';
import { approverSchema, stepReferenceShape } from './case-step';

/** A step passed its due date: the case goes on the overdue list of `escalatedTo` (once per step). */
export const approvalEscalatedV1 = defineEvent({
  type: 'approval.escalated.v1',
  topic: approvalTopics.case,
  data: z.strictObject({
    ...stepReferenceShape,
    dueAt: z.iso.datetime(),
    escalatedAt: z.iso.datetime(),
    escalatedTo: z.array(approverSchema).min(1).max(20),
  }),
});
