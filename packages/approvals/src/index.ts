export { approvalsService, approvalsConfigSchema } from './approvals-service';
export type { ApprovalsRouter } from './approvals-router';
export type { CaseView } from './case-view';
export type { InboxItem, InboxPage } from './case-inbox';
export type { NationalSummary } from './national-summary';
export type { BulkItemResult } from './bulk-decision';
