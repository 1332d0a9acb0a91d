import { bilingual, issueCategories } from '@tradepilot/contracts';
import { z } from 'zod';
import {
  pilotAreaIdInput,
  roundInput,
  localizedInput as localized,
  longTextInput as reason,
  versionInput,
} from '../supervision-inputs';
import { keyIssueStatuses } from './key-issue-model';

export const keyIssueIdInput = z
  .string()
  .regex(
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    bilingual('问题标识格式不正确（应为 UUID）', 'a key issue id is a UUID'),
  );

export const keyIssueRaiseInput = z.strictObject({
  pilotAreaId: pilotAreaIdInput,
  /** the area's newest round when left out */
  round: roundInput.optional(),
  category: z.enum(
    issueCategories,
    bilingual(
      '问题类别须为 regulation-adjustment（需调整法规或国务院文件）、cross-department-coordination（需跨部门协调）、funding（资金）或 other（其他）',
      'the category is regulation-adjustment, cross-department-coordination, funding or other',
    ),
  ),
  title: localized(200, '标题', 'title'),
  description: localized(4000, '问题描述', 'description'),
  /** tasks of the plan in force */
  taskIds: z
    .array(z.string().min(1, bilingual('任务标识不能为空', 'a task id is not empty')).max(64))
    .max(50, bilingual('最多关联 50 项任务', 'at most 50 tasks'))
    .default([]),
  /** measures of the catalog (ids), which a task of the plan in force maps to */
  measureIds: z
    .array(
      z
        .string()
        .regex(
          /^[A-Za-z0-9-]{1,32}$/,
          bilingual('举措标识格式不正确，例如 "M-2-01"', 'a measure id looks like "M-2-01"'),
        ),
    )
    .max(50, bilingual('最多关联 50 条举措', 'at most 50 measures'))
    .default([]),
});
export type KeyIssueRaiseInput = z.infer<typeof keyIssueRaiseInput>;

export const keyIssueKeyInput = z.strictObject({ keyIssueId: keyIssueIdInput });

export const keyIssueAnswerInput = z.strictObject({
  keyIssueId: keyIssueIdInput,
  version: versionInput,
  answer: reason('答复内容', 'the answer'),
});

export const keyIssueResolveInput = z.strictObject({
  keyIssueId: keyIssueIdInput,
  version: versionInput,
  resolution: reason('办结意见', 'the resolution'),
});

export const keyIssuePassUpInput = z.strictObject({
  keyIssueId: keyIssueIdInput,
  version: versionInput,
  reason: reason('上报理由', 'the reason for passing it up'),
});

/** The ministry passes an issue to the central departments: those of its measures, or those named. */
export const keyIssueMinistryPassUpInput = keyIssuePassUpInput.extend({
  departmentIds: z
    .array(
      z
        .string()
        .regex(
          /^[a-z][a-z0-9-]{1,31}$/,
          bilingual('部门标识格式不正确，例如 "safe"', 'a department id looks like "safe"'),
        ),
    )
    .min(1, bilingual('请至少指定一个部门', 'name at least one department'))
    .max(20, bilingual('最多指定 20 个部门', 'at most 20 departments'))
    .optional(),
});

export const keyIssueReopenInput = z.strictObject({
  keyIssueId: keyIssueIdInput,
  version: versionInput,
  reason: reason('重新开启的理由', 'the reason for reopening'),
});

export const keyIssueListInput = z
  .strictObject({
    status: z
      .enum(
        keyIssueStatuses,
        bilingual('状态须为 open、answered 或 resolved', 'the status is open, answered or resolved'),
      )
      .optional(),
    pilotAreaId: pilotAreaIdInput.optional(),
    round: roundInput.optional(),
  })
  .default({});

export const keyIssueInboxInput = z
  .strictObject({
    /** only what the caller holds now (default), or everything ever routed to them */
    held: z.enum(['now', 'ever'], bilingual('held 须为 now 或 ever', 'held is now or ever')).default('now'),
  })
  .default({ held: 'now' });

export const keyIssueCountsInput = z.strictObject({ round: roundInput.optional() }).default({});
