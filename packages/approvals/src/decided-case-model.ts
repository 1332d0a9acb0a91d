import { defineModel } from '@tradepilot/tenancy';
import { approvalCaseSchema, type ApprovalCaseDocument } from './approval-case-model';

const schema = approvalCaseSchema();
// what finds a decided case besides its id: a resubmission's previous case, a chain's links
schema.index({ 'subject.id': 1, 'subject.version': 1 });
schema.index({ previousCaseId: 1 });

/**
 * Closed cases whose events are published (same shape as `cases`), in the province's database.
 * No outbox flag: nothing in them is ever published again, and the relay does not scan them.
 */
export const decidedCaseModel = defineModel<ApprovalCaseDocument>({
  name: 'DecidedCase',
  collection: 'decided_cases',
  placement: 'tenant',
  schema,
});
