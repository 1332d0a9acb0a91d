import { bilingual } from '@tradepilot/contracts';
import { z } from 'zod';
import { isoDate, pilotAreaIdInput, roundInput } from '../supervision-inputs';
import { taskProgressStatuses } from './report-model';

export const periodIdInput = z
  .string()
  .regex(
    /^[0-9]{4}-[0-9A-Za-z-]{1,40}$/,
    bilingual('报告期标识格式不正确，例如 "2020-2026-Q1"', 'a period id looks like "2020-2026-Q1"'),
  );

const versionInput = z
  .int(bilingual('版本号须为整数', 'the version is a whole number'))
  .min(0, bilingual('版本号不能为负数', 'the version cannot be negative'));

const text = (max: number, zh: string, en: string) =>
  z
    .string()
    .trim()
    .max(max, bilingual(`${zh}不超过 ${max} 个字`, `${en} has at most ${max} characters`));

/** One task's progress, or "nothing to report this period" with a reason. */
export const reportEntryInput = z.strictObject({
  taskId: z
    .string()
    .min(1, bilingual('请填写任务标识', 'name the task'))
    .max(64, bilingual('任务标识不超过 64 个字符', 'a task id has at most 64 characters')),
  status: z
    .enum(
      taskProgressStatuses,
      bilingual(
        '任务状态须为 not_started（未启动）、in_progress（推进中）、implemented（已落地）或 blocked（受阻）',
        'the status is not_started, in_progress, implemented or blocked',
      ),
    )
    .optional(),
  narrative: text(4000, '进展说明', 'the narrative').optional(),
  kpiActuals: z
    .array(
      z.strictObject({
        name: z
          .string()
          .trim()
          .min(1, bilingual('请填写指标名称', 'name the KPI'))
          .max(200, bilingual('指标名称不超过 200 个字', 'a KPI name has at most 200 characters')),
        actual: z.number(bilingual('指标实际值须为数字', 'a KPI actual is a number')),
      }),
    )
    .max(50, bilingual('每项任务最多 50 个指标', 'at most 50 KPIs per task'))
    .optional(),
  milestonesDone: z
    .array(
      z
        .string()
        .trim()
        .min(1, bilingual('请填写里程碑名称', 'name the milestone'))
        .max(200, bilingual('里程碑名称不超过 200 个字', 'a milestone has at most 200 characters')),
    )
    .max(50, bilingual('每项任务最多 50 个里程碑', 'at most 50 milestones per task'))
    .optional(),
  /** uploaded through POST /attachments/supervision */
  attachmentIds: z
    .array(z.string().regex(/^[A-Za-z0-9-]{1,64}$/, bilingual('附件标识格式不正确', 'not an attachment id')))
    .max(20, bilingual('每项任务最多 20 个附件', 'at most 20 attachments per task'))
    .optional(),
  /** "nothing to report this period": the reason, instead of a status */
  nothingToReport: z
    .strictObject({
      reason: z
        .string()
        .trim()
        .min(2, bilingual('请说明本期无进展的理由', 'give the reason there is nothing to report'))
        .max(2000, bilingual('理由不超过 2000 个字', 'the reason has at most 2000 characters')),
    })
    .optional(),
});
export type ReportEntryInput = z.infer<typeof reportEntryInput>;

export const reportKeyInput = z.strictObject({ pilotAreaId: pilotAreaIdInput, periodId: periodIdInput });

export const reportSaveInput = z.strictObject({
  pilotAreaId: pilotAreaIdInput,
  periodId: periodIdInput,
  /** the version read; 0 starts the report */
  version: versionInput,
  /** the tasks this save reports on; tasks not named keep what they had */
  entries: z
    .array(reportEntryInput)
    .max(200, bilingual('每次最多保存 200 项任务', 'at most 200 tasks per save')),
});
export type ReportSaveInput = z.infer<typeof reportSaveInput>;

export const reportSubmitInput = z.strictObject({
  pilotAreaId: pilotAreaIdInput,
  periodId: periodIdInput,
  version: versionInput.min(1, bilingual('请先保存报告', 'save the report first')),
});

export const reportListInput = z
  .strictObject({ periodId: periodIdInput.optional(), round: roundInput.optional() })
  .default({});

export const reportImportInput = z.strictObject({
  pilotAreaId: pilotAreaIdInput,
  periodId: periodIdInput,
  version: versionInput,
  /** the filled-in template (XLSX) in base64 */
  content: z
    .string()
    .min(1, bilingual('请上传文件', 'upload the file'))
    .max(1_400_000, bilingual('文件不超过 1 MB', 'the file is at most 1 MB')),
  /** validate and report only */
  dryRun: z.boolean().default(false),
});
export type ReportImportInput = z.infer<typeof reportImportInput>;

export const timelinessInput = z.strictObject({ round: roundInput.optional() }).default({});

/** The ministry reopens one pilot area's report after the period's due date. */
export const reportExceptionInput = z.strictObject({
  pilotAreaId: pilotAreaIdInput,
  periodId: periodIdInput,
  reason: z
    .string()
    .trim()
    .min(
      4,
      bilingual(
        '请说明特批延期的理由（至少 4 个字）',
        'give the reason for the exception (at least 4 characters)',
      ),
    )
    .max(2000, bilingual('理由不超过 2000 个字', 'the reason has at most 2000 characters')),
  /** the area's own due date (a day in China) */
  due: isoDate,
});
export type ReportExceptionInput = z.infer<typeof reportExceptionInput>;
