import { defineModel } from '@tradepilot/tenancy';
import { keyIssueIndexRowSchema, type KeyIssueIndexRow } from './key-issue-index-model';

const schema = keyIssueIndexRowSchema();
schema.index({ holderLevel: 1, holderOrganisationIds: 1 });

/**
 * The rows of `key_issue_index` whose issue is not resolved (`supervision_national`): what the
 * ministry and the department liaisons hold now, read by their inboxes, which so never scan the
 * resolved history. A copy of the full row at some sequence; a resolution deletes it, a reopen
 * writes it again (open-key-issue-index.ts).
 */
export const openKeyIssueIndexModel = defineModel<KeyIssueIndexRow>({
  name: 'OpenKeyIssueIndex',
  collection: 'open_key_issue_index',
  placement: 'national',
  schema,
});
