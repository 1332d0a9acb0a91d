import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { roleSchema } from '../../roles';
import { approvalTopics } from './approval-topics';

/** An officer delegated their approvals to a colleague of the same organisation for a date window. */
export const approvalDelegationSetV1 = defineEvent({
  type: 'approval.delegation_set.v1',
  topic: approvalTopics.delegation,
  data: z.strictObject({
    delegationId: z.string().min(1),
    delegatorUserId: z.string().min(1).max(128),
    delegateUserId: z.string().min(1).max(128),
    /** the delegator's role the delegate acts in */
    role: roleSchema,
    organisationId: z.string().min(1).max(64),
    /** first and last day of the window (China Standard Time), inclusive */
    from: z.iso.date(),
    until: z.iso.date(),
    reason: z.string().max(2000).nullable(),
  }),
});
