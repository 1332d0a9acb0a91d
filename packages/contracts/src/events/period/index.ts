export * from './period-events';
export * from './period.opened.v1';
export * from './period.due_passed.v1';
export * from './period.due_soon.v1';
