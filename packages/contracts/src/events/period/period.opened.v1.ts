import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { localizedTextSchema } from '../../localized-text';
import { supervisionTopics } from '../supervision-topics';

/**
 * A reporting period of a round opened: every pilot area with a plan in force drafts its report.
 * National (tenant `national`); the id is deterministic, so a restart opens nothing twice.
 */
export const periodOpenedV1 = defineEvent({
  type: 'period.opened.v1',
  topic: supervisionTopics.period,
  data: z.strictObject({
    periodId: z.string().min(1).max(64),
    round: z.int().min(2000),
    label: localizedTextSchema,
    start: z.iso.date(),
    end: z.iso.date(),
    /** N working days after the end, on the platform's holiday calendar */
    due: z.iso.date(),
    openedAt: z.iso.datetime(),
  }),
});
