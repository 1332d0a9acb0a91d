import { sampleHolidayCalendar2026, WorkingCalendar } from '@tradepilot/timers';

/**
 * The working calendar reporting due dates are counted on: the platform kit's holiday calendar.
 * Operators load later years in approvals (`calendar.load`); until approvals publishes a loaded
 * year as an event that supervision keeps a copy of, years without a calendar count Monday to
 * Friday (`WorkingCalendar.missingYears`).
 */
export const reportingCalendar = (): WorkingCalendar => new WorkingCalendar([sampleHolidayCalendar2026]);
