import type { EventDefinition } from '../../define-event';
import { issueAnsweredV1 } from './issue.answered.v1';
import { issueEscalatedV1 } from './issue.escalated.v1';
import { issueRaisedV1 } from './issue.raised.v1';
import { issueReopenedV1 } from './issue.reopened.v1';
import { issueResolvedV1 } from './issue.resolved.v1';
import { issueRoutedV1 } from './issue.routed.v1';

/** Every event version of the key issue aggregate (topic supervision.issue). */
export const issueEvents: readonly EventDefinition[] = [
  issueRaisedV1,
  issueRoutedV1,
  issueResolvedV1,
  issueEscalatedV1,
  issueAnsweredV1,
  issueReopenedV1,
];
