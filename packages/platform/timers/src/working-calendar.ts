import { addCalendarDays, weekday, yearOf } from './program-time';

/** One year of the official holiday arrangement: days off, and weekend days that are worked (调休). */
export interface CalendarYear {
  year: number;
  holidays: string[];
  workdays: string[];
}

// no SLA in the program is longer than a year: a bound that stops a runaway loop on bad input
const maxSpanDays = 3 * 366;

/**
 * Working days from the holiday calendar (data loaded by operators). A year that has no calendar
 * counts Monday to Friday; `missingYears` tells which years that happened for.
 */
export class WorkingCalendar {
  private readonly holidays = new Set<string>();
  private readonly workdays = new Set<string>();
  private readonly years = new Set<number>();
  readonly missingYears = new Set<number>();

  constructor(years: CalendarYear[]) {
    for (const y of years) {
      this.years.add(y.year);
      y.holidays.forEach((d) => this.holidays.add(d));
      y.workdays.forEach((d) => this.workdays.add(d));
    }
  }

  isWorkingDay(date: string): boolean {
    if (!this.years.has(yearOf(date))) this.missingYears.add(yearOf(date));
    if (this.holidays.has(date)) return false;
    if (this.workdays.has(date)) return true;
    const day = weekday(date);
    return day !== 0 && day !== 6;
  }

  /** The `n`-th working day after `date` (n ≥ 1); `date` itself never counts. */
  addWorkingDays(date: string, n: number): string {
    return this.step(date, n, 1);
  }

  /** The `n`-th working day before `date` (n ≥ 1). */
  subtractWorkingDays(date: string, n: number): string {
    return this.step(date, n, -1);
  }

  /** Working days d with from < d ≤ to: a decision on the day of receipt took 0 days. */
  workingDaysBetween(from: string, to: string): number {
    let count = 0;
    let day = from;
    for (let i = 0; i < maxSpanDays && day < to; i += 1) {
      day = addCalendarDays(day, 1);
      if (this.isWorkingDay(day)) count += 1;
    }
    return count;
  }

  private step(date: string, n: number, direction: 1 | -1): string {
    let day = date;
    let left = n;
    for (let i = 0; i < maxSpanDays && left > 0; i += 1) {
      day = addCalendarDays(day, direction);
      if (this.isWorkingDay(day)) left -= 1;
    }
    return day;
  }
}
