import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { approvalTopics } from './approval-topics';

/** An application under a delegated matter was decided through its admin-matter case. */
export const approvalApplicationDecidedV1 = defineEvent({
  type: 'approval.application_decided.v1',
  topic: approvalTopics.application,
  data: z.strictObject({
    applicationId: z.string().min(1),
    matterId: z.string().min(1).max(64),
    caseId: z.string().min(1),
    outcome: z.enum(['approved', 'rejected']),
    decidedOn: z.iso.date(),
    /** working days after the received date up to and including the decision day */
    processingWorkingDays: z.int().min(0),
    withinStatutoryLimit: z.boolean(),
  }),
});
