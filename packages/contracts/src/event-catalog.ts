import type { EventDefinition } from './define-event';
import { approvalCaseCompletedV1 } from './events/approval/approval.case_completed.v1';
import { approvalCaseOpenedV1 } from './events/approval/approval.case_opened.v1';
import { planSubmittedV1 } from './events/plan/plan.submitted.v1';

/** Every event version the platform knows; a consumer validates against its entry. */
export const eventCatalog: readonly EventDefinition[] = [planSubmittedV1, approvalCaseOpenedV1, approvalCaseCompletedV1];

const byType = new Map(eventCatalog.map((e) => [e.type, e]));
export const findEventDefinition = (type: string): EventDefinition | undefined => byType.get(type);
