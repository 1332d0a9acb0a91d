import type { ServiceDeps } from '@tradepilot/service-kit';
import { stampedReads } from '@tradepilot/tenancy';
import { nationalAreasStamp } from '../national-area-model';
import { reportingPeriodsStamp } from '../reporting-period-model';
import { reportTimelinessStamp } from '../reports/report-timeliness-model';
import { nationalTimeliness } from '../reports/report-timeliness';
import { nationalRateRows, periodsOf, ratesOver } from './implementation-reads';
import { nationalRateStamp } from './implementation-rate-model';

/**
 * The implementation rate and the late reports for the ministry's national overview
 * (`implementation.nationalSummary`), from the projections in `supervision_national`.
 */
export function nationalRateSummary(deps: ServiceDeps, round: number) {
  return stampedReads(deps.databases).read(
    [reportingPeriodsStamp, nationalRateStamp, reportTimelinessStamp, nationalAreasStamp],
    `national-rate-summary:${round}`,
    () => summarise(deps, round),
  );
}

async function summarise(deps: ServiceDeps, round: number) {
  const [periods, rows, timeliness] = await Promise.all([
    periodsOf(deps, round),
    nationalRateRows(deps, round),
    nationalTimeliness(deps, { round }),
  ]);
  const rates = ratesOver(round, periods, rows);
  const latest = rates.periods[rates.periods.length - 1];
  return {
    implementationRate: {
      /** the latest period with an accepted report */
      periodId: latest?.periodId ?? null,
      areas: latest?.areas ?? 0,
      applicable: latest?.totals.applicable ?? 0,
      implemented: latest?.totals.implemented ?? 0,
      rate: latest?.totals.rate ?? null,
      trend: rates.trend,
    },
    lateReports: {
      late: timeliness.totals.late,
      daysLate: timeliness.totals.daysLate,
      missing: timeliness.totals.missing,
    },
  };
}
