export * from './assessment-events';
export * from './assessment.published.v1';
