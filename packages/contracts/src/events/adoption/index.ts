export * from './adoption-topic';
export * from './adoption-events';
export * from './adoption.status_changed.v1';
