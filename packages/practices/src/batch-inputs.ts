import { bilingual, localizedTextSchema } from '@tradepilot/contracts';
import { z } from 'zod';

const batchId = z.uuid(bilingual('批次编号须为 UUID', 'a batch id is a UUID'));
const theme = z.strictObject({
  name: localizedTextSchema,
  practiceIds: z.array(z.uuid(bilingual('案例编号须为 UUID', 'a practice id is a UUID'))).max(60),
});
const releaseDate = z.iso.date(bilingual('发布日期须为 YYYY-MM-DD', 'the release date is YYYY-MM-DD'));

export const createBatchInput = z.strictObject({
  number: z.int().min(1).max(999),
  title: localizedTextSchema,
  publisher: z.string().trim().min(1).max(200).optional(),
  releaseDate,
  themes: z.array(theme).max(20).default([]),
  /** demo data (npm start's sample library), flagged as such on the batch and on each of its cases */
  illustrative: z.boolean().default(false),
});
export type CreateBatchInput = z.infer<typeof createBatchInput>;

export const saveBatchInput = z
  .strictObject({
    batchId,
    version: z.int().min(1),
    number: z.int().min(1).max(999).optional(),
    title: localizedTextSchema.optional(),
    publisher: z.string().trim().min(1).max(200).optional(),
    releaseDate: releaseDate.optional(),
    themes: z.array(theme).max(20).optional(),
  })
  .refine((s) => ['number', 'title', 'publisher', 'releaseDate', 'themes'].some((f) => f in s), {
    message: bilingual(
      '请至少提供一个要保存的字段（number、title、publisher、releaseDate、themes）',
      'give at least one field to save (number, title, publisher, releaseDate, themes)',
    ),
  });
export type SaveBatchInput = z.infer<typeof saveBatchInput>;

export const batchIdInput = z.strictObject({ batchId });
export const publishBatchInput = z.strictObject({ batchId, version: z.int().min(1) });
