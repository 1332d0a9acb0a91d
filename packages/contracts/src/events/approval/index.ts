export * from './case-subject';
export * from './approval-events';
export * from './approval.case_opened.v1';
export * from './approval.case_completed.v1';
