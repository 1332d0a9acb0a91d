import { bilingual, findingSeverities, rectificationStatuses } from '@tradepilot/contracts';
import { z } from 'zod';
import {
  isoDate,
  pilotAreaIdInput,
  roundInput,
  localizedInput as localized,
  longTextInput as text,
  versionInput,
} from '../supervision-inputs';
import { inspectionStatuses } from './inspection-model';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const inspectionIdInput = z
  .string()
  .regex(uuid, bilingual('督查标识格式不正确（应为 UUID）', 'an inspection id is a UUID'));

export const rectificationIdInput = z
  .string()
  .regex(uuid, bilingual('整改事项标识格式不正确（应为 UUID）', 'a rectification id is a UUID'));

const taskIds = z
  .array(z.string().min(1, bilingual('任务标识不能为空', 'a task id is not empty')).max(64))
  .max(50, bilingual('最多关联 50 项任务', 'at most 50 tasks'))
  .default([]);

const measureIds = z
  .array(
    z
      .string()
      .regex(
        /^[A-Za-z0-9-]{1,32}$/,
        bilingual('举措标识格式不正确，例如 "M-2-01"', 'a measure id looks like "M-2-01"'),
      ),
  )
  .max(50, bilingual('最多关联 50 条举措', 'at most 50 measures'))
  .default([]);

const attachmentIds = z
  .array(z.string().regex(uuid, bilingual('附件标识格式不正确（应为 UUID）', 'an attachment id is a UUID')))
  .max(20, bilingual('最多 20 个附件', 'at most 20 attachments'))
  .default([]);

export const inspectionScheduleInput = z.strictObject({
  pilotAreaId: pilotAreaIdInput,
  /** the area's newest round when left out */
  round: roundInput.optional(),
  /** the topic of the inspection (督查事项) */
  subject: localized(200, '督查事项', 'subject'),
  /** what the inspectors look at */
  scope: localized(4000, '督查范围', 'scope').optional(),
  startDate: isoDate,
  endDate: isoDate,
  inspectors: z
    .array(
      z
        .string()
        .trim()
        .min(2, bilingual('督查人员姓名至少 2 个字', "an inspector's name has at least 2 characters"))
        .max(64, bilingual('督查人员姓名不超过 64 个字', "an inspector's name has at most 64 characters")),
    )
    .min(1, bilingual('请至少填写一名督查人员', 'name at least one inspector'))
    .max(20, bilingual('督查人员最多 20 名', 'at most 20 inspectors')),
  /** tasks of the plan in force and measures the inspection looks at (optional) */
  taskIds,
  measureIds,
});
export type InspectionScheduleInput = z.infer<typeof inspectionScheduleInput>;

export const inspectionKeyInput = z.strictObject({ inspectionId: inspectionIdInput });

export const inspectionCarryOutInput = z.strictObject({
  inspectionId: inspectionIdInput,
  version: versionInput,
  /** the days it actually took place (the scheduled ones when left out) */
  startDate: isoDate.optional(),
  endDate: isoDate.optional(),
  summary: text('督查情况概述', 'a summary of the inspection').optional(),
});
export type InspectionCarryOutInput = z.infer<typeof inspectionCarryOutInput>;

export const findingRecordInput = z.strictObject({
  inspectionId: inspectionIdInput,
  description: localized(4000, '问题描述', 'description of the finding'),
  severity: z.enum(
    findingSeverities,
    bilingual(
      '问题严重程度须为 minor（一般）、major（较重）或 serious（严重）',
      'the severity is minor, major or serious',
    ),
  ),
  taskIds,
  measureIds,
  /** the rectification's last day, or … */
  dueDate: isoDate.optional(),
  /** … working days from today (one of the two) */
  dueInWorkingDays: z
    .int(bilingual('整改工作日数须为整数', 'the working days are a whole number'))
    .min(1, bilingual('整改期限至少 1 个工作日', 'at least 1 working day'))
    .max(250, bilingual('整改期限不超过 250 个工作日', 'at most 250 working days'))
    .optional(),
});
export type FindingRecordInput = z.infer<typeof findingRecordInput>;

export const rectificationKeyInput = z.strictObject({ rectificationId: rectificationIdInput });

export const rectificationProgressInput = z.strictObject({
  rectificationId: rectificationIdInput,
  version: versionInput,
  status: z.enum(
    ['in-progress', 'blocked'],
    bilingual('进展状态须为 in-progress（推进中）或 blocked（受阻）', 'the status is in-progress or blocked'),
  ),
  narrative: text('整改进展说明', 'a narrative of the progress'),
  attachmentIds,
});
export type RectificationProgressInput = z.infer<typeof rectificationProgressInput>;

export const rectificationSubmitInput = z.strictObject({
  rectificationId: rectificationIdInput,
  version: versionInput,
  narrative: text('整改完成情况说明', 'what was done'),
  attachmentIds,
});
export type RectificationSubmitInput = z.infer<typeof rectificationSubmitInput>;

export const rectificationCloseInput = z.strictObject({
  rectificationId: rectificationIdInput,
  version: versionInput,
  comment: text('验收意见', 'the acceptance comment'),
});

export const rectificationSendBackInput = z.strictObject({
  rectificationId: rectificationIdInput,
  version: versionInput,
  reason: text('退回理由', 'the reason for sending it back'),
  /** a new last day (the current one stays when left out) */
  dueDate: isoDate.optional(),
});

export const inspectionListInput = z
  .strictObject({
    pilotAreaId: pilotAreaIdInput.optional(),
    round: roundInput.optional(),
    status: z
      .enum(
        inspectionStatuses,
        bilingual('状态须为 scheduled 或 carried-out', 'the status is scheduled or carried-out'),
      )
      .optional(),
  })
  .default({});

export const rectificationListInput = z
  .strictObject({
    pilotAreaId: pilotAreaIdInput.optional(),
    inspectionId: inspectionIdInput.optional(),
    status: z
      .enum(
        rectificationStatuses,
        bilingual(
          '状态须为 open、in-progress、submitted、returned 或 closed',
          'the status is open, in-progress, submitted, returned or closed',
        ),
      )
      .optional(),
    /** only those past their due date with the pilot area still owing the work */
    overdue: z.boolean(bilingual('overdue 须为 true 或 false', 'overdue is true or false')).optional(),
  })
  .default({});

export const nationalInspectionListInput = z
  .strictObject({
    province: z
      .string()
      .regex(
        /^[a-z]{2,32}$/,
        bilingual('省份标识须为小写拼音，例如 "guangdong"', 'a province id such as "guangdong"'),
      )
      .optional(),
    round: roundInput.optional(),
  })
  .default({});

export const nationalRectificationListInput = z
  .strictObject({
    province: z
      .string()
      .regex(
        /^[a-z]{2,32}$/,
        bilingual('省份标识须为小写拼音，例如 "guangdong"', 'a province id such as "guangdong"'),
      )
      .optional(),
    status: rectificationListInput.unwrap().shape.status,
    overdue: rectificationListInput.unwrap().shape.overdue,
  })
  .default({});
