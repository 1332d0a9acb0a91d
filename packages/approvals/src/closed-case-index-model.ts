import { defineModel } from '@tradepilot/tenancy';
import { caseIndexEntrySchema, type CaseIndexEntry } from './case-index-model';

/**
 * The national entries of closed cases (`approvals_national`), apart from the open ones so the
 * inboxes' scans do not grow with history. Read by id only: where a closed case lives.
 */
export const closedCaseIndexModel = defineModel<CaseIndexEntry>({
  name: 'ClosedCaseIndexEntry',
  collection: 'closed_case_index',
  placement: 'national',
  schema: caseIndexEntrySchema(),
});
