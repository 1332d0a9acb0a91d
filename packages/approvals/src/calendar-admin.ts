import { badInput, notFound, type AuthorizedContext } from '@tradepilot/service-kit';
import type { ApprovalsRepository } from './approvals-repository';
import type { CalendarSource } from './calendar-source';
import type { HolidayCalendarDocument } from './holiday-calendar-model';

export interface CalendarView {
  year: number;
  holidays: string[];
  workdays: string[];
  sample: boolean;
  version: number;
  loadedBy: string | null;
  loadedAt: string | null;
}

const toView = (d: HolidayCalendarDocument): CalendarView => ({
  year: d.year,
  holidays: d.holidays,
  workdays: d.workdays,
  sample: d.sample,
  version: d.version,
  loadedBy: d.history?.at(-1)?.loadedBy ?? null,
  loadedAt: d.history?.at(-1)?.loadedAt.toISOString() ?? null,
});

/**
 * An operator loads a year's official holiday arrangement; it replaces that year's calendar and
 * is recorded in its history. Due dates computed before keep their dates.
 */
export async function loadCalendar(
  repository: ApprovalsRepository,
  calendars: CalendarSource,
  ctx: AuthorizedContext,
  input: { year: number; holidays: string[]; workdays: string[] },
  now: Date,
): Promise<CalendarView> {
  const outside = [...input.holidays, ...input.workdays].find((d) => !d.startsWith(`${input.year}-`));
  if (outside) {
    throw badInput(
      { 'zh-CN': `日期 ${outside} 不属于 ${input.year} 年`, en: `${outside} is not in ${input.year}` },
      'CALENDAR_DATE_OUTSIDE_YEAR',
      { date: outside },
    );
  }
  const both = input.holidays.find((d) => input.workdays.includes(d));
  if (both) {
    throw badInput(
      {
        'zh-CN': `日期 ${both} 不能既是假日又是调休上班日`,
        en: `${both} cannot be both a holiday and a working day`,
      },
      'CALENDAR_DATE_CONFLICT',
      { date: both },
    );
  }
  const holidays = [...new Set(input.holidays)].sort();
  const workdays = [...new Set(input.workdays)].sort();
  const saved = await (
    await repository.calendars()
  )
    .findOneAndUpdate(
      { _id: input.year },
      {
        $set: { year: input.year, holidays, workdays, sample: false },
        $inc: { version: 1 },
        $push: {
          history: {
            loadedBy: ctx.principal.userId,
            loadedAt: now,
            holidays: holidays.length,
            workdays: workdays.length,
          },
        },
      },
      { upsert: true, new: true },
    )
    .lean<HolidayCalendarDocument>();
  calendars.invalidate();
  return toView(saved as HolidayCalendarDocument);
}

export async function getCalendar(repository: ApprovalsRepository, year: number): Promise<CalendarView> {
  const found = await (await repository.calendars()).findById(year).lean<HolidayCalendarDocument>();
  if (!found)
    throw notFound(
      { 'zh-CN': `${year} 年节假日安排`, en: `The holiday calendar of ${year}` },
      'CALENDAR_NOT_FOUND',
      { year },
    );
  return toView(found);
}
