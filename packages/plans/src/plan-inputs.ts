import {
  bilingual,
  localizedTextSchema,
  planPeriodSchema,
  planTaskSchema,
  tenantIdSchema,
} from '@tradepilot/contracts';
import { idempotencyKeySchema } from '@tradepilot/service-kit';
import { z } from 'zod';
import { measureIdSchema } from './measure-fields';
import { planListCursorInput } from './plan-list-cursor';
import { planStatuses } from './plan-model';

const planId = z.uuid(bilingual('方案编号须为 UUID', 'a plan id is a UUID'));
const pilotAreaId = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{1,31}$/,
    bilingual('试点地区编号须为小写拼音', 'a pilot area id is a lowercase pinyin slug'),
  );
const version = z.int().min(1);
/** a program round, named by its year (2016, 2018, 2020, …) */
const round = z
  .int(bilingual('批次须为年份整数，例如 2020', 'a round is a year, e.g. 2020'))
  .min(2000)
  .max(2100);
const reason = z.string().trim().min(1).max(4000);

const explanations = z
  .array(z.strictObject({ measureId: measureIdSchema, explanation: z.string().trim().min(1).max(4000) }))
  .max(200);
const tasks = z.array(planTaskSchema).max(200);

export const createPlanInput = z.strictObject({
  pilotAreaId,
  /** one of the rounds the pilot area takes part in; the area's newest round when left out */
  round: round.optional(),
  title: localizedTextSchema,
  period: planPeriodSchema.optional(),
  tasks: tasks.default([]),
  coverageExplanations: explanations.default([]),
  /** a retry with the same key creates nothing new (REST: the Idempotency-Key header) */
  idempotencyKey: idempotencyKeySchema.optional(),
});
export type CreatePlanInput = z.infer<typeof createPlanInput>;

export const savePlanInput = z
  .strictObject({
    planId,
    /** the version the editor saw: a save on top of someone else's is refused */
    version,
    title: localizedTextSchema.optional(),
    period: planPeriodSchema.nullable().optional(),
    tasks: tasks.optional(),
    coverageExplanations: explanations.optional(),
  })
  .refine((s) => ['title', 'period', 'tasks', 'coverageExplanations'].some((f) => f in s), {
    message: bilingual(
      '请至少提供一个要保存的字段（title、period、tasks、coverageExplanations）',
      'give at least one field to save (title, period, tasks, coverageExplanations)',
    ),
  });
export type SavePlanInput = z.infer<typeof savePlanInput>;

export const signPlanInput = z.strictObject({ planId, version });
export const submitPlanInput = z.strictObject({ planId, version });
export const getPlanInput = z.strictObject({ planId });

/** `current`: every plan not closed (the default: closed plans are history, asked for by name); `all`: every plan. */
export const planListStatuses = ['current', ...planStatuses, 'all'] as const;
export type PlanListStatus = (typeof planListStatuses)[number];
const listLimit = bilingual('每页条数须为 1 到 100 的整数', 'limit is a whole number from 1 to 100');
export const listPlansInput = z
  .strictObject({
    pilotAreaId: pilotAreaId.optional(),
    status: z
      .enum(
        planListStatuses,
        bilingual(
          `状态须为 ${planListStatuses.join('、')} 之一`,
          `status is one of ${planListStatuses.join(', ')}`,
        ),
      )
      .default('current'),
    /** the `nextCursor` of the previous page; the first page without it */
    cursor: planListCursorInput.optional(),
    limit: z.int(listLimit).min(1, listLimit).max(100, listLimit).default(20),
  })
  .default({ status: 'current', limit: 20 });
export type ListPlansInput = z.infer<typeof listPlansInput>;
export const transitionInput = z.strictObject({ planId, version, reason });
export const startImplementationInput = z.strictObject({ planId, version });

/** A submission number, or the working draft. */
export const versionRef = z.union([z.int().min(1), z.literal('draft')]);
export const getVersionInput = z.strictObject({ planId, submission: z.int().min(1) });
export const diffInput = z.strictObject({ planId, from: versionRef, to: versionRef });
export const auditInput = z.strictObject({
  planId,
  offset: z.int().min(0).max(100_000).default(0),
  limit: z.int().min(1).max(500).default(100),
});

// the ministry's reads name the province explicitly: it comes from the ministry's own choice
const province = tenantIdSchema;
export const nationalListInput = z
  .strictObject({
    province: province.optional(),
    /** the program's newest round when left out */
    round: round.optional(),
    status: z.enum([...planStatuses, 'not-started']).optional(),
  })
  .default({});
export const nationalGetInput = z.strictObject({ province, planId });
export const nationalAuditInput = auditInput.extend({ province });
export const nationalDiffInput = diffInput.extend({ province });
