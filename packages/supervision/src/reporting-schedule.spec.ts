import { customPeriodProblems, periodsOf, type ReportingSchedule } from './reporting-schedule';

const schedule = (overrides: Partial<ReportingSchedule>): ReportingSchedule => ({
  round: 2020,
  frequency: 'quarterly',
  from: '2026-01-01',
  to: '2026-12-31',
  customPeriods: [],
  dueWorkingDays: 10,
  reminderWorkingDaysBefore: 3,
  ...overrides,
});

describe('the reporting periods of a schedule', () => {
  it('quarterly: calendar quarters with stable ids and bilingual labels', () => {
    const periods = periodsOf(schedule({}));
    expect(periods.map((p) => [p.periodId, p.start, p.end])).toEqual([
      ['2020-2026-Q1', '2026-01-01', '2026-03-31'],
      ['2020-2026-Q2', '2026-04-01', '2026-06-30'],
      ['2020-2026-Q3', '2026-07-01', '2026-09-30'],
      ['2020-2026-Q4', '2026-10-01', '2026-12-31'],
    ]);
    expect(periods[0]?.label).toEqual({ 'zh-CN': '2026年第1季度', en: '2026 Q1' });
  });

  it('keeps only the periods that overlap the range, across years', () => {
    const periods = periodsOf(schedule({ from: '2026-05-15', to: '2027-02-01' }));
    expect(periods.map((p) => p.periodId)).toEqual([
      '2020-2026-Q2',
      '2020-2026-Q3',
      '2020-2026-Q4',
      '2020-2027-Q1',
    ]);
  });

  it('half-yearly and yearly periods end on the last day of their month (leap years too)', () => {
    expect(periodsOf(schedule({ frequency: 'half-yearly' })).map((p) => [p.periodId, p.end])).toEqual([
      ['2020-2026-H1', '2026-06-30'],
      ['2020-2026-H2', '2026-12-31'],
    ]);
    expect(periodsOf(schedule({ frequency: 'yearly', from: '2028-01-01', to: '2028-12-31' }))).toEqual([
      {
        periodId: '2020-2028-Y',
        label: { 'zh-CN': '2028年度', en: '2028' },
        start: '2028-01-01',
        end: '2028-12-31',
      },
    ]);
    const q1of2028 = periodsOf(schedule({ from: '2028-02-01', to: '2028-02-29' }));
    expect(q1of2028.map((p) => p.end)).toEqual(['2028-03-31']);
  });

  it('custom: the listed periods, numbered in order', () => {
    const label = { 'zh-CN': '试点启动期', en: 'Start-up' };
    const periods = periodsOf(
      schedule({
        frequency: 'custom',
        customPeriods: [
          { start: '2026-01-01', end: '2026-05-31', label },
          { start: '2026-06-01', end: '2026-12-31', label },
        ],
      }),
    );
    expect(periods.map((p) => p.periodId)).toEqual(['2020-P1', '2020-P2']);
  });

  it('names each problem of a custom list by its field, in both languages', () => {
    const label = { 'zh-CN': '期', en: 'p' };
    expect(
      customPeriodProblems([
        { start: '2026-03-01', end: '2026-02-01', label },
        { start: '2026-01-20', end: '2026-06-30', label },
      ]).map((p) => [p.path, p.messages['zh-CN']]),
    ).toEqual([
      ['customPeriods.0.end', '第 1 个报告期的结束日 2026-02-01 早于开始日 2026-03-01'],
      ['customPeriods.1.start', '第 2 个报告期须在上一个报告期（至 2026-02-01）结束后开始'],
    ]);
    expect(customPeriodProblems([{ start: '2026-01-01', end: '2026-01-31', label }])).toEqual([]);
  });
});
