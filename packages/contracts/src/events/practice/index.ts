export * from './practice-topic';
export * from './practice-events';
export * from './practice.submitted.v1';
export * from './practice.published.v1';
