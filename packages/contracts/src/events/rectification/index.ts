export * from './rectification-events';
export * from './rectification.closed.v1';
