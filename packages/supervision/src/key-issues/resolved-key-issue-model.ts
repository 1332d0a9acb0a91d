import { defineModel } from '@tradepilot/tenancy';
import { keyIssueSchema, type KeyIssueDocument } from './key-issue-model';

const schema = keyIssueSchema();
// what the reads of history filter on (MongoDB; FerretDB scans), newest first
schema.index({ round: 1, pilotAreaId: 1, raisedAt: -1 });

/**
 * Resolved key issues whose events are published (same shape as `key_issues`), in the province's
 * database. No outbox flag: the relay never scans them, and the reads of what is open never touch
 * them. A reopen moves its issue back first (resolved-key-issues.ts).
 */
export const resolvedKeyIssueModel = defineModel<KeyIssueDocument>({
  name: 'ResolvedKeyIssue',
  collection: 'resolved_key_issues',
  placement: 'tenant',
  schema,
});
