import { trusted } from '@tradepilot/tenancy';
import type { Logger } from '@tradepilot/telemetry';
import {
  localDate,
  sampleHolidayCalendar2026 as sample2026,
  WorkingCalendar,
  yearOf,
} from '@tradepilot/timers';
import type { ApprovalsRepository } from './approvals-repository';

const cacheMs = 30_000;

/**
 * The working calendar as operators loaded it, cached briefly (another instance's load is seen
 * within `cacheMs`; this instance's own load at once).
 */
export class CalendarSource {
  private cached: { calendar: WorkingCalendar; loadedAt: number; years: string } | undefined;

  constructor(
    private readonly repository: ApprovalsRepository,
    private readonly now: () => Date,
    private readonly logger: Logger,
  ) {}

  /** Seeds the sample year when no calendar for it exists (an operator's load is never replaced). */
  async seedSample(): Promise<void> {
    const calendars = await this.repository.calendars();
    await calendars.updateOne(
      { _id: sample2026.year },
      {
        $setOnInsert: {
          year: sample2026.year,
          holidays: sample2026.holidays,
          workdays: sample2026.workdays,
          version: 1,
          sample: true,
          // an empty array in an upsert's $setOnInsert is not stored: record who seeded it
          history: [
            {
              loadedBy: 'system:approvals',
              loadedAt: new Date(),
              holidays: sample2026.holidays.length,
              workdays: sample2026.workdays.length,
            },
          ],
        },
      },
      { upsert: true },
    );
  }

  invalidate(): void {
    this.cached = undefined;
  }

  /** A calendar of the years around now (due dates and ages never reach further). */
  async calendar(): Promise<WorkingCalendar> {
    const year = yearOf(localDate(this.now()));
    const years = [year - 2, year - 1, year, year + 1, year + 2];
    const key = years.join(',');
    if (this.cached && this.cached.years === key && Date.now() - this.cached.loadedAt < cacheMs) {
      return this.cached.calendar;
    }
    const docs = await (await this.repository.calendars())
      .find({ _id: trusted({ $in: years }) } as never)
      .lean();
    const calendar = new WorkingCalendar(
      docs.map((d) => ({ year: d.year, holidays: d.holidays, workdays: d.workdays })),
    );
    if (!docs.some((d) => d.year === year)) {
      this.logger.warn({ year }, 'no holiday calendar loaded for this year: counting Monday to Friday');
    }
    this.cached = { calendar, loadedAt: Date.now(), years: key };
    return calendar;
  }
}
