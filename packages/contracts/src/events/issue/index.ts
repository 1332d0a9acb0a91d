export * from './issue-holder';
export * from './issue-events';
export * from './issue.raised.v1';
export * from './issue.routed.v1';
export * from './issue.resolved.v1';
export * from './issue.escalated.v1';
export * from './issue.answered.v1';
export * from './issue.reopened.v1';
