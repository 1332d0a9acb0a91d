export * from './report-topic';
export * from './report-events';
export * from './report.submitted.v1';
