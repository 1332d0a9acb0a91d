export * from './measure-implementation-status';
export * from './measure-events';
export * from './measure.status_changed.v1';
