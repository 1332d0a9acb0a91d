import type { EventDefinition } from '../../define-event';
import { approvalCaseCompletedV1 } from './approval.case_completed.v1';
import { approvalCaseOpenedV1 } from './approval.case_opened.v1';

/** Every event version of the approval case aggregate (topic approvals.case). */
export const approvalEvents: readonly EventDefinition[] = [approvalCaseOpenedV1, approvalCaseCompletedV1];
