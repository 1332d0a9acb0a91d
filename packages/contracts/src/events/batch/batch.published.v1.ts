import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { localizedTextSchema } from '../../localized-text';
import { batchTopic } from './batch-topic';

/**
 * The ministry published a numbered batch of exemplary practices (第N批): every case in it at once.
 * Owned by the practices service; feeds the supervision service's "practices published" indicator.
 */
export const batchPublishedV1 = defineEvent({
  type: 'batch.published.v1',
  topic: batchTopic,
  data: z.strictObject({
    batchId: z.string().min(1).max(128),
    number: z.int().min(1),
    title: localizedTextSchema,
    publisher: z.string().min(1).max(200),
    releaseDate: z.iso.date(),
    themes: z
      .array(
        z.strictObject({
          name: localizedTextSchema,
          practiceIds: z.array(z.string().min(1).max(128)).max(100),
        }),
      )
      .max(20),
    practiceCount: z.int().min(0),
    /** the library version at which the batch became visible */
    libraryVersion: z.int().min(1),
    publishedAt: z.iso.datetime(),
  }),
});
