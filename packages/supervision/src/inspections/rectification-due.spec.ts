import { sampleHolidayCalendar2026, WorkingCalendar } from '@tradepilot/timers';
import { rectificationDue } from './rectification-due';

const calendar = new WorkingCalendar([sampleHolidayCalendar2026]);
// Wednesday 29 April 2026, 10:00 in Beijing: May Day (1–5 May) is a holiday, Saturday 9 May is worked
const now = new Date('2026-04-29T02:00:00Z');

describe('rectification due dates', () => {
  it('counts working days from today on the holiday calendar, ending at midnight in China', () => {
    expect(rectificationDue(calendar, now, { dueInWorkingDays: 5 })).toEqual({
      dueDate: '2026-05-09',
      dueAt: new Date('2026-05-09T16:00:00.000Z'),
    });
  });

  it('takes a given day as it is, today included; a day before today is refused', () => {
    expect(rectificationDue(calendar, now, { dueDate: '2026-04-29' })?.dueAt).toEqual(
      new Date('2026-04-29T16:00:00.000Z'),
    );
    expect(rectificationDue(calendar, now, { dueDate: '2026-04-28' })).toBeNull();
    // 23:30 on 28 April UTC is already 29 April in China
    expect(
      rectificationDue(calendar, new Date('2026-04-28T16:30:00Z'), { dueDate: '2026-04-28' }),
    ).toBeNull();
  });
});
