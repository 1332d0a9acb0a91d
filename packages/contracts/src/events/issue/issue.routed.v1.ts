import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { supervisionTopics } from '../supervision-topics';
import { issueHolderSchema } from './issue-holder';

/** A holder passed a key issue up (or to the responsible departments) with a reason. */
export const issueRoutedV1 = defineEvent({
  type: 'issue.routed.v1',
  topic: supervisionTopics.issue,
  data: z.strictObject({
    issueId: z.string().min(1).max(128),
    pilotAreaId: z.string().min(1).max(64),
    from: issueHolderSchema,
    to: issueHolderSchema,
    reason: z.string().min(1).max(4000),
    dueAt: z.iso.datetime(),
    routedAt: z.iso.datetime(),
  }),
});
