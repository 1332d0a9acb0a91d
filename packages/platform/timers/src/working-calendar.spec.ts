import sample2026 from './seed/holiday-calendar-2026.json';
import { localDate, startOfLocalDay } from './program-time';
import { WorkingCalendar } from './working-calendar';

const calendar = new WorkingCalendar([sample2026]);

describe('working days from the holiday calendar', () => {
  it('skips weekends and holidays and counts worked weekend days', () => {
    expect(calendar.isWorkingDay('2026-03-06')).toBe(true); // Friday
    expect(calendar.isWorkingDay('2026-03-07')).toBe(false); // Saturday
    expect(calendar.isWorkingDay('2026-10-05')).toBe(false); // National Day, a Monday
    expect(calendar.isWorkingDay('2026-10-10')).toBe(true); // a worked Saturday
  });

  it('adds working days after a date, never counting the date itself', () => {
    expect(calendar.addWorkingDays('2026-03-02', 1)).toBe('2026-03-03');
    expect(calendar.addWorkingDays('2026-03-06', 1)).toBe('2026-03-09');
    expect(calendar.addWorkingDays('2026-03-02', 10)).toBe('2026-03-16');
    // 30 Sep (Wed) + 1 working day jumps the National Day week to Friday 9 Oct
    expect(calendar.addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(calendar.addWorkingDays('2026-09-30', 3)).toBe('2026-10-10');
  });

  it('subtracts working days and counts the working days between two dates', () => {
    expect(calendar.subtractWorkingDays('2026-03-16', 2)).toBe('2026-03-12');
    expect(calendar.workingDaysBetween('2026-03-02', '2026-03-02')).toBe(0);
    expect(calendar.workingDaysBetween('2026-03-02', '2026-03-16')).toBe(10);
    expect(calendar.workingDaysBetween('2026-09-28', '2026-10-09')).toBe(4);
  });

  it('falls back to Monday–Friday for a year without a calendar, and says so', () => {
    const empty = new WorkingCalendar([]);
    expect(empty.addWorkingDays('2027-01-01', 1)).toBe('2027-01-04');
    expect([...empty.missingYears]).toEqual([2027]);
  });

  it('reads days in China Standard Time whatever the instant', () => {
    expect(localDate(new Date('2026-03-01T16:30:00Z'))).toBe('2026-03-02');
    expect(startOfLocalDay('2026-03-02').toISOString()).toBe('2026-03-01T16:00:00.000Z');
  });
});
