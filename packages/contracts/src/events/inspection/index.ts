export * from './inspection-events';
export * from './inspection.finding_recorded.v1';
