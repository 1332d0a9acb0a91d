export { approvalsService } from './approvals-service';
export type { ApprovalsRouter } from './case-router';
export type { CaseView } from './case-view';
