import { bilingual } from '@tradepilot/contracts';
import { reportingFrequencies } from './reporting-schedule';
import { z } from 'zod';

export const pilotAreaIdInput = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{1,63}$/,
    bilingual(
      '试点地区标识须为小写拼音，例如 "guangzhou"',
      'a pilot area id is a lowercase slug such as "guangzhou"',
    ),
  );

/** a program round, named by its year (2016, 2018, 2020, …) */
export const roundInput = z
  .int(bilingual('批次须为年份整数，例如 2020', 'a round is a year, e.g. 2020'))
  .min(2000, bilingual('批次须为 2000 年及以后的年份', 'a round is a year from 2000 on'))
  .max(2100, bilingual('批次须为 2100 年及以前的年份', 'a round is a year up to 2100'));

export const supervisedPlanGetInput = z.strictObject({
  pilotAreaId: pilotAreaIdInput,
  /** the area's newest round when left out */
  round: roundInput.optional(),
});

export const supervisedPlanListInput = z
  .strictObject({
    /** the program's newest round when left out */
    round: roundInput.optional(),
  })
  .default({});

export const nationalSummaryInput = z
  .strictObject({
    round: roundInput.optional(),
  })
  .default({});

export const isoDate = z.iso.date(bilingual('日期须为 YYYY-MM-DD 格式', 'a date is YYYY-MM-DD'));

const periodLabel = z.strictObject({
  'zh-CN': z
    .string()
    .trim()
    .min(1, bilingual('报告期须有中文名称', 'a period needs a Chinese label'))
    .max(100, bilingual('报告期名称不超过 100 个字', 'a period label has at most 100 characters')),
  en: z
    .string()
    .trim()
    .max(100, bilingual('报告期英文名称不超过 100 个字符', 'a period label has at most 100 characters')),
});

export const reportingScheduleSaveInput = z.strictObject({
  round: roundInput,
  frequency: z.enum(
    reportingFrequencies,
    bilingual(
      '报告频率须为 quarterly（季度）、half-yearly（半年）、yearly（年度）或 custom（自定义）',
      'the frequency is quarterly, half-yearly, yearly or custom',
    ),
  ),
  /** the first and last day reported on */
  from: isoDate,
  to: isoDate,
  /** only for `custom`: the periods in order */
  customPeriods: z
    .array(z.strictObject({ start: isoDate, end: isoDate, label: periodLabel }))
    .max(60, bilingual('自定义报告期最多 60 个', 'at most 60 custom periods'))
    .default([]),
  dueWorkingDays: z
    .int(bilingual('报送期限须为整数个工作日', 'the due date is a whole number of working days'))
    .min(
      1,
      bilingual('报送期限至少为期末后 1 个工作日', 'a report is due at least 1 working day after its period'),
    )
    .max(
      60,
      bilingual(
        '报送期限不超过期末后 60 个工作日',
        'a report is due at most 60 working days after its period',
      ),
    ),
  reminderWorkingDaysBefore: z
    .int(bilingual('提醒时间须为整数个工作日', 'the reminder is a whole number of working days'))
    .min(0, bilingual('提醒时间不能为负数', 'the reminder cannot be negative'))
    .max(
      30,
      bilingual(
        '提醒时间不超过截止前 30 个工作日',
        'the reminder is at most 30 working days before the due date',
      ),
    ),
  /** the version read; 0 creates the round's schedule */
  version: z
    .int(bilingual('版本号须为整数', 'the version is a whole number'))
    .min(0, bilingual('版本号不能为负数', 'the version cannot be negative')),
});

export const reportingScheduleGetInput = z.strictObject({ round: roundInput });

export const periodListInput = z.strictObject({ round: roundInput.optional() }).default({});

export const periodLockInput = z.strictObject({
  periodId: z
    .string()
    .regex(
      /^[0-9]{4}-[0-9A-Za-z-]{1,40}$/,
      bilingual('报告期标识格式不正确，例如 "2020-2026-Q1"', 'a period id looks like "2020-2026-Q1"'),
    ),
  reason: z
    .string()
    .trim()
    .min(2, bilingual('请说明锁定理由', 'give a reason for locking'))
    .max(500, bilingual('理由不超过 500 个字', 'the reason has at most 500 characters')),
});

/** the version a change was read at (an existing document: 1 or more) */
export const versionInput = z
  .int(bilingual('版本号须为整数', 'the version is a whole number'))
  .min(1, bilingual('版本号至少为 1', 'the version is at least 1'));

/** a bilingual text: Chinese required (2..max), English optional */
export const localizedInput = (max: number, zh: string, en: string) =>
  z.strictObject({
    'zh-CN': z
      .string()
      .trim()
      .min(2, bilingual(`请填写中文${zh}`, `give the ${en} in Chinese`))
      .max(max, bilingual(`中文${zh}不超过 ${max} 个字`, `the Chinese ${en} has at most ${max} characters`)),
    en: z
      .string()
      .trim()
      .max(max, bilingual(`英文${zh}不超过 ${max} 个字符`, `the English ${en} has at most ${max} characters`))
      .default(''),
  });

/** a free text of 2..4000 characters: a reason, an answer, a narrative */
export const longTextInput = (zh: string, en: string) =>
  z
    .string()
    .trim()
    .min(2, bilingual(`请填写${zh}`, `give ${en}`))
    .max(4000, bilingual(`${zh}不超过 4000 个字`, `${en} has at most 4000 characters`));
