import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';
import type { CalendarYear } from '@tradepilot/timers';

/** One year of the holiday calendar (national data, loaded by operators); every load is audited. */
export interface HolidayCalendarDocument extends CalendarYear {
  _id: number;
  version: number;
  /** the seeded sample, until an operator loads the official calendar */
  sample: boolean;
  history: { loadedBy: string; loadedAt: Date; holidays: number; workdays: number }[];
}

const schema = new Schema<HolidayCalendarDocument>(
  {
    _id: { type: Number, required: true },
    year: { type: Number, required: true },
    holidays: { type: [String], default: [] },
    workdays: { type: [String], default: [] },
    version: { type: Number, required: true },
    sample: { type: Boolean, default: false },
    history: {
      type: [{ _id: false, loadedBy: String, loadedAt: Date, holidays: Number, workdays: Number }],
      default: [],
    },
  },
  { versionKey: false },
);

export const holidayCalendarModel = defineModel<HolidayCalendarDocument>({
  name: 'HolidayCalendar',
  collection: 'holiday_calendars',
  placement: 'national',
  schema,
});
