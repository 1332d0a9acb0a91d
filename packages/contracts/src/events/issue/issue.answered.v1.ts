import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { supervisionTopics } from '../supervision-topics';
import { issueHolderSchema } from './issue-holder';

/** The holder answered a key issue without resolving it: its SLA stops, it stays with the holder. */
export const issueAnsweredV1 = defineEvent({
  type: 'issue.answered.v1',
  topic: supervisionTopics.issue,
  data: z.strictObject({
    issueId: z.string().min(1).max(128),
    pilotAreaId: z.string().min(1).max(64),
    answeredBy: issueHolderSchema,
    answer: z.string().min(1).max(4000),
    answeredAt: z.iso.datetime(),
  }),
});
