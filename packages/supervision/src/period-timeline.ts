import { addCalendarDays, startOfLocalDay, type WorkingCalendar } from '@tradepilot/timers';
import type { PeriodSpan, ReportingSchedule } from './reporting-schedule';

/** The stages a reporting period goes through, in order, each at its own time. */
export const periodStages = ['scheduled', 'open', 'reminded', 'due-passed'] as const;
export type PeriodStage = (typeof periodStages)[number];

/** When a period opens, when its reminder goes out, when it is due and when it turns late. */
export interface PeriodTimeline {
  /** the last day a report counts as on time (N working days after the period ends) */
  due: string;
  opensAt: Date;
  remindAt: Date;
  /** 00:00 China Standard Time the day after the due date: unsubmitted reports are late from here */
  duePassesAt: Date;
}

/**
 * A period's dates on the working calendar: it opens when it starts (pilot areas draft their
 * report as the period goes), is due N working days after it ends, and reminds M working days
 * before that (never before it opens).
 */
export function periodTimeline(
  span: PeriodSpan,
  schedule: Pick<ReportingSchedule, 'dueWorkingDays' | 'reminderWorkingDaysBefore'>,
  calendar: WorkingCalendar,
): PeriodTimeline {
  const due = calendar.addWorkingDays(span.end, schedule.dueWorkingDays);
  const opensAt = startOfLocalDay(span.start);
  const reminderDay =
    schedule.reminderWorkingDaysBefore > 0
      ? calendar.subtractWorkingDays(due, schedule.reminderWorkingDaysBefore)
      : due;
  const remindAt = new Date(Math.max(startOfLocalDay(reminderDay).getTime(), opensAt.getTime()));
  return { due, opensAt, remindAt, duePassesAt: startOfLocalDay(addCalendarDays(due, 1)) };
}

/** The stage that comes after `stage` and when it is due; null once the due date has passed. */
export function nextStage(
  stage: PeriodStage,
  timeline: Pick<PeriodTimeline, 'opensAt' | 'remindAt' | 'duePassesAt'>,
): { stage: PeriodStage; at: Date } | null {
  switch (stage) {
    case 'scheduled':
      return { stage: 'open', at: timeline.opensAt };
    case 'open':
      return { stage: 'reminded', at: timeline.remindAt };
    case 'reminded':
      return { stage: 'due-passed', at: timeline.duePassesAt };
    case 'due-passed':
      return null;
  }
}
