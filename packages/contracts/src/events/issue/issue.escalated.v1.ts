import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { supervisionTopics } from '../supervision-topics';
import { issueHolderSchema } from './issue-holder';

/**
 * A holder's SLA passed unanswered: the issue is flagged to the next level (once per hop; the
 * event id is derived from the issue, the hop and the due time).
 */
export const issueEscalatedV1 = defineEvent({
  type: 'issue.escalated.v1',
  topic: supervisionTopics.issue,
  data: z.strictObject({
    issueId: z.string().min(1).max(128),
    pilotAreaId: z.string().min(1).max(64),
    holder: issueHolderSchema,
    escalatedTo: issueHolderSchema,
    dueAt: z.iso.datetime(),
    escalatedAt: z.iso.datetime(),
    /**
     * The last level's SLA passed: the issue stays with its holder and is flagged to
     * `escalatedTo`. Optional: added after v1 (absent means the holder became `escalatedTo`).
     */
    final: z.boolean().optional(),
    /** when the new holder's SLA passes (absent when final). Optional: added after v1. */
    nextDueAt: z.iso.datetime().optional(),
  }),
});
