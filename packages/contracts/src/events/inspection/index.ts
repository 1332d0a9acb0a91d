export * from './inspection-events';
export * from './inspection-terms';
export * from './inspection.carried_out.v1';
export * from './inspection.finding_recorded.v1';
export * from './inspection.scheduled.v1';
