import { topics } from '../../topics';

/** The approvals service's topics, one per aggregate type it owns. */
export const approvalTopics = {
  case: topics.approvalCase,
  delegation: 'approvals.delegation',
  application: 'approvals.application',
} as const;
