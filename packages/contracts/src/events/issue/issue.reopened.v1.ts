import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { supervisionTopics } from '../supervision-topics';
import { issueHolderSchema } from './issue-holder';

/** The originator reopened a resolution (once, with a reason): the resolver holds it again. */
export const issueReopenedV1 = defineEvent({
  type: 'issue.reopened.v1',
  topic: supervisionTopics.issue,
  data: z.strictObject({
    issueId: z.string().min(1).max(128),
    pilotAreaId: z.string().min(1).max(64),
    reason: z.string().min(1).max(4000),
    holder: issueHolderSchema,
    dueAt: z.iso.datetime(),
    reopenedAt: z.iso.datetime(),
  }),
});
