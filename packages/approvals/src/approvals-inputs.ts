import {
  bilingual,
  localizedTextSchema,
  matterDecisionLevelsSchema,
  tenantIdSchema,
} from '@tradepilot/contracts';
import { idempotencyKeySchema } from '@tradepilot/service-kit';
import { z } from 'zod';
import { caseTypeIds } from './case-types';
import { decisionNames } from './case-view';

const caseId = z.uuid(bilingual('审批事项编号须为 UUID', 'a case id is a UUID'));
const stepId = z.uuid(bilingual('环节编号须为 UUID', 'a step id is a UUID'));
const day = z.iso.date(bilingual('日期格式须为 YYYY-MM-DD', 'a date is YYYY-MM-DD'));
const version = z.int().min(1).max(1_000_000);
const reason = z
  .string()
  .trim()
  .max(4000, bilingual('理由不得超过 4000 字', 'a reason has at most 4000 characters'));
const userId = z.string().trim().min(1).max(128);

export const getCaseInput = z.strictObject({ caseId });

export const decideCaseInput = z.strictObject({
  caseId,
  decision: z.enum(decisionNames),
  reason: reason.optional(),
  version,
  /** only needed when the caller holds more than one step of the case */
  stepId: stepId.optional(),
});

export const bulkDecideInput = z.strictObject({
  decision: z.enum(['approve', 'return']),
  reason: reason.optional(),
  items: z
    .array(z.strictObject({ caseId, version }))
    .min(1)
    .max(100, bilingual('一次最多批量办理 100 件', 'at most 100 cases at once'))
    .refine((items) => new Set(items.map((i) => i.caseId)).size === items.length, {
      message: bilingual('同一审批事项不能重复选择', 'a case is selected more than once'),
    }),
});

export const inboxInput = z
  .strictObject({
    caseTypes: z.array(z.enum(caseTypeIds)).max(10).optional(),
    provinces: z.array(tenantIdSchema).max(34).optional(),
    dueFrom: day.optional(),
    dueTo: day.optional(),
    overdue: z.boolean().optional(),
    sort: z.enum(['dueAsc', 'dueDesc']).default('dueAsc'),
    page: z.int().min(1).max(10_000).default(1),
    pageSize: z.int().min(1).max(100).default(20),
  })
  .default({ sort: 'dueAsc', page: 1, pageSize: 20 });

export const setDelegationInput = z.strictObject({
  delegateUserId: userId,
  from: day,
  until: day,
  reason: z.string().trim().max(2000).optional(),
});

export const loadCalendarInput = z.strictObject({
  year: z.int().min(2000).max(2100),
  holidays: z.array(day).max(60),
  workdays: z.array(day).max(30),
});

export const getCalendarInput = z.strictObject({ year: z.int().min(2000).max(2100) });

export const delegateMatterInput = z.strictObject({
  id: z
    .string()
    .regex(
      /^[a-z][a-z0-9-]{1,63}$/,
      bilingual('事项标识须为小写字母、数字和连字符', 'a matter id is lowercase letters, digits and hyphens'),
    ),
  name: localizedTextSchema,
  legalBasis: z.string().trim().min(1).max(2000),
  statutoryLimitDays: z.int().min(1).max(365),
  decisionLevels: matterDecisionLevelsSchema,
  provinces: z.array(tenantIdSchema).min(1).max(34),
});

export const registerApplicationInput = z.strictObject({
  matterId: z.string().min(1).max(64),
  applicant: z.strictObject({
    name: z.string().trim().min(1).max(200),
    creditCode: z
      .string()
      .regex(
        /^[0-9A-Z]{18}$/,
        bilingual(
          '统一社会信用代码为 18 位数字或大写字母',
          'a unified social credit code is 18 digits or capital letters',
        ),
      )
      .optional(),
  }),
  receivedOn: day,
  documents: z
    .array(
      z.strictObject({
        title: z.string().trim().min(1).max(200),
        reference: z.string().trim().max(200).optional(),
      }),
    )
    .min(1, bilingual('至少登记一份申请材料', 'register at least one document'))
    .max(50),
  /** a retry with the same key registers nothing new (REST: the Idempotency-Key header) */
  idempotencyKey: idempotencyKeySchema.optional(),
});

export const getApplicationInput = z.strictObject({ applicationId: z.uuid() });

export const listApplicationsInput = z
  .strictObject({
    matterId: z.string().min(1).max(64).optional(),
    status: z.enum(['pending', 'approved', 'rejected']).optional(),
    page: z.int().min(1).max(10_000).default(1),
    pageSize: z.int().min(1).max(100).default(20),
  })
  .default({ page: 1, pageSize: 20 });

export const noInput = z.strictObject({}).default({});
