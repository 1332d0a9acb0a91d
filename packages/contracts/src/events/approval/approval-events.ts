import type { EventDefinition } from '../../define-event';
import { approvalApplicationDecidedV1 } from './approval.application_decided.v1';
import { approvalApplicationRegisteredV1 } from './approval.application_registered.v1';
import { approvalCaseCompletedV1 } from './approval.case_completed.v1';
import { approvalCaseOpenedV1 } from './approval.case_opened.v1';
import { approvalDelegationSetV1 } from './approval.delegation_set.v1';
import { approvalEscalatedV1 } from './approval.escalated.v1';
import { approvalReminderDueV1 } from './approval.reminder_due.v1';
import { approvalStepDecidedV1 } from './approval.step_decided.v1';

/** Every event version of the approvals service (topics approvals.case, .delegation, .application). */
export const approvalEvents: readonly EventDefinition[] = [
  approvalCaseOpenedV1,
  approvalStepDecidedV1,
  approvalCaseCompletedV1,
  approvalReminderDueV1,
  approvalEscalatedV1,
  approvalDelegationSetV1,
  approvalApplicationRegisteredV1,
  approvalApplicationDecidedV1,
];
