import type { LocalizedText } from '@tradepilot/contracts';
import { requireProvince, type AuthorizedContext, type ServiceDeps } from '@tradepilot/service-kit';
import { nationalScope, stampedReads } from '@tradepilot/tenancy';
import { ownPilotArea, pilotAreaForCaller } from '../pilot-area-access';
import {
  reportingPeriodModel,
  reportingPeriodsStamp,
  type ReportingPeriodDocument,
} from '../reporting-period-model';
import { implementationErrors } from './implementation-errors';
import {
  implementationRate,
  periodRates,
  trendOf,
  type AreaPeriodCounts,
  type PeriodRates,
  type TrendPoint,
} from './implementation-rate';
import {
  implementationRateModel,
  nationalRateStamp,
  type ImplementationRateRow,
} from './implementation-rate-model';
import type { MeasureStatusLine } from './measure-status';
import {
  measureStatusPeriodId,
  measureStatusPeriodModel,
  type MeasureStatusPeriodDocument,
} from './measure-status-period-model';

export interface PeriodRatesView extends PeriodRates {
  label: LocalizedText | null;
  start: string;
}

export interface RatesView {
  round: number;
  periods: PeriodRatesView[];
  trend: TrendPoint[];
}

/** A round's periods by id, in order (their labels and starts). */
export async function periodsOf(deps: ServiceDeps, round: number): Promise<ReportingPeriodDocument[]> {
  return (await deps.databases.model(nationalScope, reportingPeriodModel))
    .find({ round })
    .select({ outbox: 0 })
    .sort({ start: 1 })
    .lean<ReportingPeriodDocument[]>();
}

/** The rates of every period with an accepted report, in period order, and the trend over them. */
export function ratesOver(
  round: number,
  periods: readonly ReportingPeriodDocument[],
  rows: readonly (AreaPeriodCounts & { periodStart: string })[],
): RatesView {
  const labels = new Map(periods.map((p) => [p._id, p.label]));
  const starts = new Map(rows.map((r) => [r.periodId, r.periodStart]));
  const ordered = [...starts.entries()].sort(([a, x], [b, y]) => x.localeCompare(y) || a.localeCompare(b));
  const perPeriod = ordered.map(([periodId, start]) => ({
    ...periodRates(periodId, rows),
    label: labels.get(periodId) ?? null,
    start,
  }));
  return { round, periods: perPeriod, trend: trendOf(perPeriod) };
}

/**
 * Implementation rates in the caller's province (a pilot-area officer: their own area; anyone:
 * one named area): per area, the province, per task group, per period, with the trend.
 */
export async function provinceRates(
  deps: ServiceDeps,
  ctx: AuthorizedContext,
  input: { round?: number | undefined; pilotAreaId?: string | undefined },
): Promise<RatesView & { province: string }> {
  const scope = requireProvince(ctx);
  const round = input.round ?? deps.registry.latestRound();
  const named = input.pilotAreaId
    ? pilotAreaForCaller(deps, ctx, input.pilotAreaId, round).area.id
    : undefined;
  const area = named ?? ownPilotArea(ctx);
  const rows = await (
    await deps.databases.model(scope, measureStatusPeriodModel)
  )
    .find(area === undefined ? { round } : { round, pilotAreaId: area })
    .select({ measures: 0, tasks: 0 })
    .lean<MeasureStatusPeriodDocument[]>();
  const counted = rows.map((r) => ({ ...r, province: scope.tenant }));
  return { ...ratesOver(round, await periodsOf(deps, round), counted), province: scope.tenant };
}

export interface AreaMeasuresView {
  round: number;
  pilotAreaId: string;
  periodId: string;
  label: LocalizedText | null;
  reportId: string;
  planSubmission: number;
  applicable: number;
  implemented: number;
  notPlanned: number;
  rate: number | null;
  /** measures tasks map to: implemented or not */
  measures: Omit<MeasureStatusLine, 'explanation'>[];
  /** applicable measures no task maps to, with the plan's coverage explanation */
  notPlannedMeasures: Pick<
    MeasureStatusLine,
    'measureId' | 'taskGroupId' | 'responsibleDepartments' | 'explanation'
  >[];
}

/** One area's measures for a period (its latest accepted period when none is named). */
export async function areaMeasures(
  deps: ServiceDeps,
  ctx: AuthorizedContext,
  input: { pilotAreaId: string; periodId?: string | undefined; round?: number | undefined },
): Promise<AreaMeasuresView> {
  const { scope, area, round } = pilotAreaForCaller(deps, ctx, input.pilotAreaId, input.round);
  const history = await deps.databases.model(scope, measureStatusPeriodModel);
  const found = input.periodId
    ? await history
        .findById(measureStatusPeriodId(round, input.periodId, area.id))
        .lean<MeasureStatusPeriodDocument>()
    : ((
        await history
          .find({ round, pilotAreaId: area.id })
          .sort({ periodStart: -1 })
          .limit(1)
          .lean<MeasureStatusPeriodDocument[]>()
      )[0] ?? null);
  if (!found) throw implementationErrors.noStatusYet(area.id, round, input.periodId);
  const period = (await periodsOf(deps, round)).find((p) => p._id === found.periodId);
  return {
    round,
    pilotAreaId: area.id,
    periodId: found.periodId,
    label: period?.label ?? null,
    reportId: found.reportId,
    planSubmission: found.planSubmission,
    applicable: found.applicable,
    implemented: found.implemented,
    notPlanned: found.notPlanned,
    rate: implementationRate(found),
    measures: found.measures
      .filter((m) => m.status !== 'not_planned')
      .map(({ explanation: _none, ...m }) => m),
    notPlannedMeasures: found.measures
      .filter((m) => m.status === 'not_planned')
      .map((m) => ({
        measureId: m.measureId,
        taskGroupId: m.taskGroupId,
        responsibleDepartments: m.responsibleDepartments,
        explanation: m.explanation,
      })),
  };
}

/** The ministry's rate rows of a round. */
export async function nationalRateRows(
  deps: ServiceDeps,
  round: number,
): Promise<readonly ImplementationRateRow[]> {
  return stampedReads(deps.databases).read(nationalRateStamp, `${nationalRateStamp}:${round}`, async () =>
    (await deps.databases.model(nationalScope, implementationRateModel))
      .find({ round })
      .lean<ImplementationRateRow[]>(),
  );
}

/**
 * The ministry's rates nationally, per province, per task group and per area, per period with
 * the trend: sums over the projection in `supervision_national`, never the provinces' databases.
 */
export async function nationalRates(
  deps: ServiceDeps,
  input: { round?: number | undefined },
): Promise<RatesView> {
  const round = input.round ?? deps.registry.latestRound();
  // the answer itself is kept while neither the periods nor the rate rows change: one small
  // read of their stamps per call
  return stampedReads(deps.databases).read(
    [reportingPeriodsStamp, nationalRateStamp],
    `national-rates:${round}`,
    async () => {
      const [periods, rows] = await Promise.all([periodsOf(deps, round), nationalRateRows(deps, round)]);
      return ratesOver(round, periods, rows);
    },
  );
}
