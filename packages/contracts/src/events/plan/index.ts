export * from './plan-task';
export * from './plan-events';
export * from './plan.submitted.v1';
