import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { localizedTextSchema } from '../../localized-text';
import { supervisionTopics } from '../supervision-topics';
import { issueCategorySchema, issueHolderSchema } from './issue-holder';

/** A pilot area or a province raised a key issue; its first holder answers within the SLA. */
export const issueRaisedV1 = defineEvent({
  type: 'issue.raised.v1',
  topic: supervisionTopics.issue,
  data: z.strictObject({
    issueId: z.string().min(1).max(128),
    round: z.int().min(2000),
    pilotAreaId: z.string().min(1).max(64),
    raisedBy: issueHolderSchema,
    category: issueCategorySchema,
    title: localizedTextSchema,
    taskIds: z.array(z.string().min(1).max(64)).max(50),
    measureIds: z.array(z.string().min(1).max(32)).max(50),
    holder: issueHolderSchema,
    /** when the holder's SLA passes and the issue escalates by itself */
    dueAt: z.iso.datetime(),
    raisedAt: z.iso.datetime(),
  }),
});
