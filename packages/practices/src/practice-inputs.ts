import { bilingual, localizedTextSchema } from '@tradepilot/contracts';
import { idempotencyKeySchema } from '@tradepilot/service-kit';
import { z } from 'zod';
import { practiceStatuses } from './practice-model';

const practiceId = z.uuid(bilingual('案例编号须为 UUID', 'a practice id is a UUID'));
export const pilotAreaIdSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{1,31}$/,
    bilingual('试点地区编号须为小写拼音', 'a pilot area id is a lowercase pinyin slug'),
  );
const version = z.int().min(1);
const text = (max: number) => z.string().trim().max(max);
const taskGroupId = z
  .string()
  .regex(
    /^[a-z][a-z-]{1,31}$/,
    bilingual(
      '任务组编号须为小写英文，例如 opening-up',
      'a task group id is a lowercase slug, e.g. opening-up',
    ),
  );
const measureId = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/,
    bilingual(
      '举措编号须为 1–32 个字母、数字、“-”或“_”，例如 M-3-02',
      'a measure id is 1–32 letters, digits, "-" or "_", e.g. M-3-02',
    ),
  );
const figure = z.strictObject({
  label: z.string().trim().min(1).max(200),
  value: z.number().finite(),
  unit: z.string().trim().max(32),
});
const contactUnit = z.strictObject({
  name: z.string().trim().min(1).max(200),
  phone: z.string().trim().max(40).nullable().default(null),
  email: z.email().max(200).nullable().default(null),
});
const attachmentIds = z.array(z.uuid(bilingual('附件编号须为 UUID', 'an attachment id is a UUID'))).max(20);

const content = {
  coAuthors: z.array(pilotAreaIdSchema).max(20),
  taskGroupId: taskGroupId.nullable(),
  measureIds: z.array(measureId).max(50),
  practice: text(20_000),
  results: text(10_000),
  figures: z.array(figure).max(50),
  replicationConditions: text(10_000),
  tags: z.array(z.string().trim().min(1).max(32)).max(20),
  attachmentIds,
  contactUnit: contactUnit.nullable(),
};

export const createPracticeInput = z.strictObject({
  /** retries with the same key and input create one draft (REST: the Idempotency-Key header) */
  idempotencyKey: idempotencyKeySchema.optional(),
  /** the submitting area; a pilot-area officer's own area when left out */
  pilotAreaId: pilotAreaIdSchema.optional(),
  title: localizedTextSchema,
  coAuthors: content.coAuthors.default([]),
  taskGroupId: content.taskGroupId.default(null),
  measureIds: content.measureIds.default([]),
  practice: content.practice.default(''),
  results: content.results.default(''),
  figures: content.figures.default([]),
  replicationConditions: content.replicationConditions.default(''),
  tags: content.tags.default([]),
  attachmentIds: content.attachmentIds.default([]),
  contactUnit: content.contactUnit.default(null),
});
export type CreatePracticeInput = z.infer<typeof createPracticeInput>;

const editable = [
  'title',
  'coAuthors',
  'taskGroupId',
  'measureIds',
  'practice',
  'results',
  'figures',
  'replicationConditions',
  'tags',
  'attachmentIds',
  'contactUnit',
] as const;

export const savePracticeInput = z
  .strictObject({
    practiceId,
    /** the version the editor saw: a save on top of someone else's is refused */
    version,
    title: localizedTextSchema.optional(),
    coAuthors: content.coAuthors.optional(),
    taskGroupId: content.taskGroupId.optional(),
    measureIds: content.measureIds.optional(),
    practice: content.practice.optional(),
    results: content.results.optional(),
    figures: content.figures.optional(),
    replicationConditions: content.replicationConditions.optional(),
    tags: content.tags.optional(),
    attachmentIds: content.attachmentIds.optional(),
    contactUnit: content.contactUnit.optional(),
  })
  .refine((s) => editable.some((f) => f in s), {
    message: bilingual(
      `请至少提供一个要保存的字段（${editable.join('、')}）`,
      `give at least one field to save (${editable.join(', ')})`,
    ),
  });
export type SavePracticeInput = z.infer<typeof savePracticeInput>;

export const submitPracticeInput = z.strictObject({ practiceId, version });
export const getPracticeInput = z.strictObject({ practiceId });
export const listPracticesInput = z.strictObject({ status: z.enum(practiceStatuses).optional() }).default({});
export const poolInput = z
  .strictObject({
    province: z
      .string()
      .regex(/^[a-z]{2,32}$/)
      .optional(),
  })
  .default({});
