import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { approvalTopics } from './approval-topics';
import { openStepSchema, stepActions, stepReferenceShape } from './case-step';

/**
 * An approver acted on a step. `openSteps` is what awaits a decision afterwards (empty when the
 * case completed); a delegate's decision names the user it acted for.
 */
export const approvalStepDecidedV1 = defineEvent({
  type: 'approval.step_decided.v1',
  topic: approvalTopics.case,
  data: z.strictObject({
    ...stepReferenceShape,
    action: z.enum(stepActions),
    /** required for returns and rejections */
    reason: z.string().max(4000).nullable(),
    decidedBy: z.string().min(1).max(128),
    actingForUserId: z.string().min(1).max(128).nullable(),
    decidedAt: z.iso.datetime(),
    /** levels whose decisions are locked after this one */
    lockedLevels: z.array(z.int().min(1)).max(20),
    openSteps: z.array(openStepSchema).max(50),
  }),
});
