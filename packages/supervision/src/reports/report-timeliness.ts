import { type AuthorizedContext, type ServiceDeps, requireProvince } from '@tradepilot/service-kit';
import { nationalScope, stampedReads } from '@tradepilot/tenancy';
import { nationalAreaModel, nationalAreasStamp, type NationalAreaRow } from '../national-area-model';
import { ownPilotArea } from '../pilot-area-access';
import { versionForPeriod } from '../plan-version-for-period';
import { planVersionModel, type PlanVersionDocument } from '../plan-version-model';
import {
  reportingPeriodModel,
  reportingPeriodsStamp,
  type ReportingPeriodDocument,
} from '../reporting-period-model';
import { findReports } from './report-context';
import type { ReportStatus } from './report-model';
import {
  reportTimelinessModel,
  reportTimelinessStamp,
  type ReportTimelinessRow,
} from './report-timeliness-model';

/** on_time / late: delivered (by the first submission); missing: not delivered by the due date; pending: not due yet. */
export type TimelinessStatus = 'on_time' | 'late' | 'missing' | 'pending';

export interface TimelinessTotals {
  expected: number;
  onTime: number;
  late: number;
  /** working days late, summed over the late reports */
  daysLate: number;
  missing: number;
  pending: number;
}

const zero = (): TimelinessTotals => ({
  expected: 0,
  onTime: 0,
  late: 0,
  daysLate: 0,
  missing: 0,
  pending: 0,
});

function count(totals: TimelinessTotals, status: TimelinessStatus, daysLate: number): void {
  totals.expected += 1;
  if (status === 'on_time') totals.onTime += 1;
  else if (status === 'late') {
    totals.late += 1;
    totals.daysLate += daysLate;
  } else if (status === 'missing') totals.missing += 1;
  else totals.pending += 1;
}

const add = (into: TimelinessTotals, from: TimelinessTotals) => {
  for (const key of Object.keys(into) as (keyof TimelinessTotals)[]) into[key] += from[key];
};

const statusOf = (
  delivered: { timeliness: 'on_time' | 'late' } | undefined,
  period: ReportingPeriodDocument,
): TimelinessStatus => delivered?.timeliness ?? (period.stage === 'due-passed' ? 'missing' : 'pending');

/** The periods of a round that have opened, in order: only those expect reports. */
async function openedPeriods(deps: ServiceDeps, round: number): Promise<ReportingPeriodDocument[]> {
  const periods = await (await deps.databases.model(nationalScope, reportingPeriodModel))
    .find({ round })
    .sort({ start: 1 })
    .lean<ReportingPeriodDocument[]>();
  return periods.filter((p) => p.stage !== 'scheduled');
}

export interface AreaTimeliness {
  pilotAreaId: string;
  status: TimelinessStatus;
  daysLate: number;
  reportStatus: ReportStatus | null;
}

/**
 * Timeliness in the caller's province, per period and area (a pilot-area officer: their own), and
 * rolled up for the province: each area with a plan version applying to the period owes a report.
 */
export async function provinceTimeliness(
  deps: ServiceDeps,
  ctx: AuthorizedContext,
  input: { round?: number | undefined },
) {
  const scope = requireProvince(ctx);
  const round = input.round ?? deps.registry.latestRound();
  const own = ownPilotArea(ctx);
  const periods = await openedPeriods(deps, round);
  const versions = await (
    await deps.databases.model(scope, planVersionModel)
  )
    .find(own === undefined ? { round } : { round, pilotAreaId: own })
    .select({ tasks: 0 })
    .lean<PlanVersionDocument[]>();
  const areas = [...new Set(versions.map((v) => v.pilotAreaId))].sort();
  const found = await findReports(
    deps,
    scope,
    own === undefined ? { round } : { round, pilotAreaId: own },
    { entries: 0, outbox: 0 },
    true,
  );
  const byId = new Map(found.map((r) => [r._id, r]));
  const province = zero();
  const perPeriod = periods.map((period) => {
    const totals = zero();
    const rows: AreaTimeliness[] = areas
      .filter((area) =>
        versionForPeriod(
          versions.filter((v) => v.pilotAreaId === area),
          period,
        ),
      )
      .map((area) => {
        const report = byId.get(`${period._id}:${area}`);
        const status = statusOf(
          report?.timeliness ? { timeliness: report.timeliness.status } : undefined,
          period,
        );
        const daysLate = report?.timeliness?.daysLate ?? 0;
        count(totals, status, daysLate);
        return { pilotAreaId: area, status, daysLate, reportStatus: report?.status ?? null };
      });
    add(province, totals);
    return {
      periodId: period._id,
      label: period.label,
      due: period.due,
      stage: period.stage,
      areas: rows,
      totals,
    };
  });
  return { round, province: scope.tenant, periods: perPeriod, totals: province };
}

/**
 * The ministry's timeliness per period and province, from the national projections (report rows
 * and the areas under supervision), never by reading the provinces' databases.
 */
export function nationalTimeliness(deps: ServiceDeps, input: { round?: number | undefined }) {
  const round = input.round ?? deps.registry.latestRound();
  return stampedReads(deps.databases).read(
    [reportingPeriodsStamp, reportTimelinessStamp, nationalAreasStamp],
    `national-timeliness:${round}`,
    () => timelinessOf(deps, round),
  );
}

async function timelinessOf(deps: ServiceDeps, round: number) {
  const periods = await openedPeriods(deps, round);
  const areas = await (await deps.databases.model(nationalScope, nationalAreaModel))
    .find({ round })
    .lean<NationalAreaRow[]>();
  const rows = await stampedReads(deps.databases).read(
    reportTimelinessStamp,
    `${reportTimelinessStamp}:${round}`,
    async () =>
      (await deps.databases.model(nationalScope, reportTimelinessModel))
        .find({ round })
        .lean<ReportTimelinessRow[]>(),
  );
  const byId = new Map(rows.map((r) => [r._id, r]));
  const national = zero();
  const perPeriod = periods.map((period) => {
    const byProvince = new Map<string, TimelinessTotals>();
    for (const area of areas) {
      if (area.firstApprovedOn && area.firstApprovedOn > period.end) continue;
      const totals = byProvince.get(area.province) ?? zero();
      byProvince.set(area.province, totals);
      const row = byId.get(`${period._id}:${area.pilotAreaId}`);
      count(totals, statusOf(row, period), row?.daysLate ?? 0);
    }
    const provinces = [...byProvince.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([province, totals]) => ({ province, ...totals }));
    const totals = zero();
    for (const p of byProvince.values()) add(totals, p);
    add(national, totals);
    return {
      periodId: period._id,
      label: period.label,
      due: period.due,
      stage: period.stage,
      provinces,
      totals,
    };
  });
  return { round, periods: perPeriod, totals: national };
}
