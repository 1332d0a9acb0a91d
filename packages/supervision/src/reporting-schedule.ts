import type { LocalizedText } from '@tradepilot/contracts';

export const reportingFrequencies = ['quarterly', 'half-yearly', 'yearly', 'custom'] as const;
export type ReportingFrequency = (typeof reportingFrequencies)[number];

/** A period of a custom schedule, as the ministry lists it. */
export interface CustomPeriod {
  start: string;
  end: string;
  label: LocalizedText;
}

/** The ministry's reporting schedule of one round, as data. */
export interface ReportingSchedule {
  round: number;
  frequency: ReportingFrequency;
  /** the first and last day reported on (ISO dates) */
  from: string;
  to: string;
  /** only for `custom`: the periods, in order, not overlapping */
  customPeriods: CustomPeriod[];
  /** a report is due N working days after its period ends */
  dueWorkingDays: number;
  /** reminders go out N working days before the due date */
  reminderWorkingDaysBefore: number;
}

/** One reporting period of a schedule, before its due date is put on the calendar. */
export interface PeriodSpan {
  periodId: string;
  label: LocalizedText;
  start: string;
  end: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const span = (year: number, firstMonth: number, months: number) => ({
  start: `${year}-${pad(firstMonth)}-01`,
  end: `${year}-${pad(firstMonth + months - 1)}-${pad(lastDay(year, firstMonth + months - 1))}`,
});

/** Calendar periods of `months` months (3, 6, 12) that overlap the schedule's range. */
function calendarPeriods(schedule: ReportingSchedule, months: 3 | 6 | 12): PeriodSpan[] {
  const periods: PeriodSpan[] = [];
  const [fromYear, toYear] = [Number(schedule.from.slice(0, 4)), Number(schedule.to.slice(0, 4))];
  for (let year = fromYear; year <= toYear; year += 1) {
    for (let index = 0; index < 12 / months; index += 1) {
      const { start, end } = span(year, index * months + 1, months);
      if (end < schedule.from || start > schedule.to) continue;
      const n = index + 1;
      const [suffix, label]: [string, LocalizedText] =
        months === 3
          ? [`Q${n}`, { 'zh-CN': `${year}年第${n}季度`, en: `${year} Q${n}` }]
          : months === 6
            ? [`H${n}`, { 'zh-CN': `${year}年${n === 1 ? '上' : '下'}半年`, en: `${year} H${n}` }]
            : ['Y', { 'zh-CN': `${year}年度`, en: `${year}` }];
      periods.push({ periodId: `${schedule.round}-${year}-${suffix}`, label, start, end });
    }
  }
  return periods;
}

/** The reporting periods a schedule defines, in order; ids are stable (`<round>-<year>-Q1`, …). */
export function periodsOf(schedule: ReportingSchedule): PeriodSpan[] {
  switch (schedule.frequency) {
    case 'quarterly':
      return calendarPeriods(schedule, 3);
    case 'half-yearly':
      return calendarPeriods(schedule, 6);
    case 'yearly':
      return calendarPeriods(schedule, 12);
    case 'custom':
      return schedule.customPeriods.map((p, i) => ({
        periodId: `${schedule.round}-P${i + 1}`,
        label: p.label,
        start: p.start,
        end: p.end,
      }));
  }
}

/** What is wrong with a custom period list, per field, in both languages (empty when nothing). */
export function customPeriodProblems(periods: CustomPeriod[]): { path: string; messages: LocalizedText }[] {
  const problems: { path: string; messages: LocalizedText }[] = [];
  periods.forEach((p, i) => {
    if (p.end < p.start)
      problems.push({
        path: `customPeriods.${i}.end`,
        messages: {
          'zh-CN': `第 ${i + 1} 个报告期的结束日 ${p.end} 早于开始日 ${p.start}`,
          en: `period ${i + 1} ends (${p.end}) before it starts (${p.start})`,
        },
      });
    const previous = periods[i - 1];
    if (previous && p.start <= previous.end)
      problems.push({
        path: `customPeriods.${i}.start`,
        messages: {
          'zh-CN': `第 ${i + 1} 个报告期须在上一个报告期（至 ${previous.end}）结束后开始`,
          en: `period ${i + 1} must start after period ${i} ends (${previous.end})`,
        },
      });
  });
  return problems;
}
