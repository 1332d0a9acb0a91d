export * from './batch-topic';
export * from './batch-events';
export * from './batch.published.v1';
