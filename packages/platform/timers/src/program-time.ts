/**
 * The program runs on China Standard Time (UTC+8, no daylight saving): due dates, working days and
 * delegation windows are calendar days there, whatever the server's time zone.
 */
const offsetMs = 8 * 60 * 60 * 1000;
const dayMs = 24 * 60 * 60 * 1000;

/** `YYYY-MM-DD` of an instant in China Standard Time. */
export const localDate = (instant: Date): string =>
  new Date(instant.getTime() + offsetMs).toISOString().slice(0, 10);

/** The instant a local day starts (00:00 China Standard Time). */
export const startOfLocalDay = (date: string): Date =>
  new Date(Date.parse(`${date}T00:00:00.000Z`) - offsetMs);

/** An instant at `hour`:00 local time on `date`. */
export const localTime = (date: string, hour: number): Date =>
  new Date(startOfLocalDay(date).getTime() + hour * 3_600_000);

export const addCalendarDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00.000Z`) + days * dayMs).toISOString().slice(0, 10);

/** 0 = Sunday … 6 = Saturday */
export const weekday = (date: string): number => new Date(`${date}T00:00:00.000Z`).getUTCDay();

export const yearOf = (date: string): number => Number(date.slice(0, 4));
