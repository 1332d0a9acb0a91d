import { sampleHolidayCalendar2026, WorkingCalendar } from '@tradepilot/timers';
import { nextStage, periodTimeline } from './period-timeline';

const calendar = new WorkingCalendar([sampleHolidayCalendar2026]);
const q1 = {
  periodId: '2020-2026-Q1',
  label: { 'zh-CN': '2026年第1季度', en: '2026 Q1' },
  start: '2026-01-01',
  end: '2026-03-31',
};
const q3 = {
  periodId: '2020-2026-Q3',
  label: { 'zh-CN': '2026年第3季度', en: '2026 Q3' },
  start: '2026-07-01',
  end: '2026-09-30',
};

describe('a reporting period on the working calendar', () => {
  it('is due N working days after it ends, skipping the Qingming holiday', () => {
    // 2026-03-31 is a Tuesday; Qingming (4–6 April 2026) is off in the sample calendar
    const timeline = periodTimeline(q1, { dueWorkingDays: 10, reminderWorkingDaysBefore: 3 }, calendar);
    expect(sampleHolidayCalendar2026.holidays).toEqual(expect.arrayContaining(['2026-04-06']));
    expect(timeline.due).toBe(calendar.addWorkingDays('2026-03-31', 10));
    expect(calendar.workingDaysBetween('2026-03-31', timeline.due)).toBe(10);
    expect(timeline.opensAt.toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(
      calendar.workingDaysBetween(timeline.remindAt.toISOString().slice(0, 10), timeline.due),
    ).toBeGreaterThan(0);
    expect(timeline.duePassesAt.getTime()).toBeGreaterThan(timeline.remindAt.getTime());
  });

  it('counts the National Day week as days off', () => {
    const timeline = periodTimeline(q3, { dueWorkingDays: 5, reminderWorkingDaysBefore: 2 }, calendar);
    // five working days after 30 September are not all in the first week of October
    expect(timeline.due > '2026-10-07').toBe(true);
  });

  it('never reminds before the period opens', () => {
    const oneDay = { ...q1, start: '2026-03-31' };
    const timeline = periodTimeline(oneDay, { dueWorkingDays: 2, reminderWorkingDaysBefore: 20 }, calendar);
    expect(timeline.remindAt.getTime()).toBe(timeline.opensAt.getTime());
  });

  it('goes open → reminded → due-passed, then nothing', () => {
    const timeline = periodTimeline(q1, { dueWorkingDays: 10, reminderWorkingDaysBefore: 3 }, calendar);
    expect(nextStage('scheduled', timeline)).toEqual({ stage: 'open', at: timeline.opensAt });
    expect(nextStage('open', timeline)).toEqual({ stage: 'reminded', at: timeline.remindAt });
    expect(nextStage('reminded', timeline)).toEqual({ stage: 'due-passed', at: timeline.duePassesAt });
    expect(nextStage('due-passed', timeline)).toBeNull();
  });
});
