import { addCalendarDays, localDate, startOfLocalDay, type WorkingCalendar } from '@tradepilot/timers';

/** A rectification's due date as the inspector gives it: a day, or working days from today. */
export type DueInput = { dueDate: string } | { dueInWorkingDays: number };

/**
 * The last day of a rectification (China) and the instant it ends: a given day as it is, or the
 * N-th working day after today on the working calendar. A day before today is refused (null).
 */
export function rectificationDue(
  calendar: WorkingCalendar,
  now: Date,
  due: DueInput,
): { dueDate: string; dueAt: Date } | null {
  const today = localDate(now);
  const dueDate = 'dueDate' in due ? due.dueDate : calendar.addWorkingDays(today, due.dueInWorkingDays);
  if (dueDate < today) return null;
  return { dueDate, dueAt: dueEnds(dueDate) };
}

/** The instant a due day ends in China: the start of the next calendar day there. */
export const dueEnds = (dueDate: string): Date => startOfLocalDay(addCalendarDays(dueDate, 1));
