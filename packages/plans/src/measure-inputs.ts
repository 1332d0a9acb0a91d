import { bilingual } from '@tradepilot/contracts';
import { idempotencyKeySchema } from '@tradepilot/service-kit';
import { z } from 'zod';
import { measureFieldsSchema, measureIdSchema } from './measure-fields';
import { measureStatuses } from './measure-model';

const slug = z.string().regex(/^[a-z][a-z0-9-]{1,31}$/);

export const listMeasuresInput = z
  .strictObject({
    taskGroupId: z.string().min(1).max(32).optional(),
    pilotAreaId: slug.optional(),
    departmentId: slug.optional(),
    status: z.enum(measureStatuses).optional(),
  })
  .default({});

export const getMeasureInput = z.strictObject({ measureId: measureIdSchema });

export const createMeasureInput = measureFieldsSchema
  .extend({
    id: measureIdSchema,
    /** a retry with the same key creates nothing new (REST: the Idempotency-Key header) */
    idempotencyKey: idempotencyKeySchema.optional(),
  })
  .partial({ status: true, illustrative: true, regulatoryAdjustment: true, responsibleDepartments: true });
export type CreateMeasureInput = z.infer<typeof createMeasureInput>;

export const updateMeasureInput = z.strictObject({
  measureId: measureIdSchema,
  /** the version the editor saw */
  version: z.int().min(1),
  changes: measureFieldsSchema.partial().refine((c) => Object.keys(c).length > 0, {
    message: bilingual('请至少修改一个字段', 'name at least one field to change'),
  }),
  reason: z.string().trim().max(1000).optional(),
});
export type UpdateMeasureInput = z.infer<typeof updateMeasureInput>;

export const tableFormats = ['csv', 'xlsx'] as const;
export type TableFormat = (typeof tableFormats)[number];

export const importMeasuresInput = z.strictObject({
  format: z.enum(tableFormats),
  /** CSV: the text; XLSX: the file in base64 */
  content: z.string().min(1).max(900_000),
  /** validate and report only */
  dryRun: z.boolean().default(false),
});
export type ImportMeasuresInput = z.infer<typeof importMeasuresInput>;

export const exportMeasuresInput = z.strictObject({
  format: z.enum(tableFormats),
  taskGroupId: z.string().min(1).max(32).optional(),
  status: z.enum(measureStatuses).optional(),
});
