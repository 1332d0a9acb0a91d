import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { localizedTextSchema } from '../../localized-text';
import { practiceTopic } from './practice-topic';

/**
 * A practice became part of the published library, in a numbered batch (one per case of the
 * batch, from the same write as batch.published.v1). The envelope's tenant is `national`; the
 * practice's own province is in the data. Owned by the practices service. It carries what the
 * supervision service's "practices published" indicator counts per pilot area and round: the
 * originating area and province, its co-authors, the round and the publication date (the year).
 */
export const practicePublishedV1 = defineEvent({
  type: 'practice.published.v1',
  topic: practiceTopic,
  data: z.strictObject({
    practiceId: z.string().min(1).max(128),
    province: z.string().min(1).max(32),
    pilotAreaId: z.string().min(1).max(64),
    title: localizedTextSchema,
    taskGroupId: z.string().max(32).nullable(),
    batchId: z.string().min(1).max(128),
    batchNumber: z.int().min(1),
    publishedAt: z.iso.datetime(),
    /** the co-authoring pilot areas (a case can name several areas, also across provinces) */
    coAuthors: z
      .array(z.strictObject({ pilotAreaId: z.string().min(1).max(64), province: z.string().min(1).max(32) }))
      .max(20)
      .optional(),
    /** the program round (its year) the originating pilot area takes part in, as of publication */
    round: z.int().min(2000).max(2100).optional(),
  }),
});
