import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { supervisionTopics } from '../supervision-topics';
import { issueHolderSchema } from './issue-holder';

/** The holder resolved a key issue; the originator may reopen it once with a reason. */
export const issueResolvedV1 = defineEvent({
  type: 'issue.resolved.v1',
  topic: supervisionTopics.issue,
  data: z.strictObject({
    issueId: z.string().min(1).max(128),
    pilotAreaId: z.string().min(1).max(64),
    resolvedBy: issueHolderSchema,
    resolution: z.string().min(1).max(4000),
    resolvedAt: z.iso.datetime(),
  }),
});
