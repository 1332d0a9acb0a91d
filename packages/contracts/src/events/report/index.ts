export * from './report-topic';
export * from './report-timeliness';
export * from './report-events';
export * from './report.submitted.v1';
export * from './report.accepted.v1';
export * from './report.returned.v1';
