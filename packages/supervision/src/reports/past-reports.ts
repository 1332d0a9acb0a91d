import { periodDuePassedV1, reportAcceptedV1 } from '@tradepilot/contracts';
import {
  eventHandler,
  moveAllSettled,
  moveSettledWhenDrained,
  startupMigrationTask,
  type SettledDocuments,
} from '@tradepilot/messaging';
import type { ServiceDeps } from '@tradepilot/service-kit';
import { trusted } from '@tradepilot/tenancy';
import { pastProgressReportModel } from './past-report-model';
import { chinaDay } from './report-entries';
import { progressReportModel } from './report-model';

/**
 * A report settles once accepted and its due day is past (in China's time), unless an exception
 * ever reopened it: it then leaves `progress_reports`, which the relay sweeps and the reads of the
 * current period scan, for `past_progress_reports`. An exception for a past report restores it
 * first (report-exception.ts).
 */
export const pastReports: SettledDocuments = {
  from: progressReportModel,
  to: pastProgressReportModel,
  settled: (now) => ({ status: 'accepted', exception: null, due: trusted({ $lt: chinaDay(now) }) }),
  finalEvents: [reportAcceptedV1.type],
};

/** A report accepted after its due day moves as soon as the relay has published the acceptance. */
export const movePastReportsWhenAccepted = (deps: Pick<ServiceDeps, 'relay' | 'databases' | 'now'>) =>
  moveSettledWhenDrained(deps.relay, deps.databases, pastReports, deps.now);

/** The reports accepted in time move when their period's due day has passed (its own event). */
export const movePastReportsWhenDue = (deps: Pick<ServiceDeps, 'databases' | 'now'>) =>
  eventHandler(periodDuePassedV1, async () => {
    await moveAllSettled(deps.databases, pastReports, deps.now());
  });

/** At start: what a crash or an outage left behind, and reports written before the move existed. */
export const pastReportsMigration = (deps: Pick<ServiceDeps, 'logger' | 'databases' | 'now'>) =>
  startupMigrationTask(
    'past-reports',
    () => moveAllSettled(deps.databases, pastReports, deps.now()),
    deps.logger,
    'moved accepted reports of past periods out of the current reports',
  );
