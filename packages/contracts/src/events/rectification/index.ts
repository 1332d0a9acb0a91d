export * from './rectification-events';
export * from './rectification-status';
export * from './rectification.closed.v1';
export * from './rectification.escalated.v1';
export * from './rectification.returned.v1';
export * from './rectification.submitted.v1';
