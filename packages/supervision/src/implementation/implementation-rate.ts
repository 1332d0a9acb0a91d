import type { MeasureImplementationStatus } from '@tradepilot/contracts';

/** Applicable measures of some pilot areas and how many of them are implemented. */
export interface RateCounts {
  applicable: number;
  implemented: number;
  /** applicable measures no task maps to (counted as not implemented) */
  notPlanned: number;
}

export interface GroupCounts extends RateCounts {
  taskGroupId: string;
}

/** Implemented ÷ applicable, as a percentage with one decimal; null when nothing applies. */
export const implementationRate = ({
  applicable,
  implemented,
}: Pick<RateCounts, 'applicable' | 'implemented'>): number | null =>
  applicable === 0 ? null : Math.round((implemented / applicable) * 1000) / 10;

export const zeroCounts = (): RateCounts => ({ applicable: 0, implemented: 0, notPlanned: 0 });

export function addCounts(into: RateCounts, from: RateCounts): RateCounts {
  into.applicable += from.applicable;
  into.implemented += from.implemented;
  into.notPlanned += from.notPlanned;
  return into;
}

/** The counts of one area's measure statuses. */
export function countsOf(lines: readonly { status: MeasureImplementationStatus }[]): RateCounts {
  return {
    applicable: lines.length,
    implemented: lines.filter((l) => l.status === 'implemented').length,
    notPlanned: lines.filter((l) => l.status === 'not_planned').length,
  };
}

/** The counts per task group, in group order. */
export function groupCountsOf(
  lines: readonly { taskGroupId: string; status: MeasureImplementationStatus }[],
): GroupCounts[] {
  const groups = new Map<string, RateCounts>();
  for (const line of lines) {
    const counts = groups.get(line.taskGroupId) ?? zeroCounts();
    groups.set(line.taskGroupId, addCounts(counts, countsOf([line])));
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([taskGroupId, counts]) => ({ taskGroupId, ...counts }));
}

/** One pilot area's figures for one period: what the projections keep. */
export interface AreaPeriodCounts extends RateCounts {
  province: string;
  pilotAreaId: string;
  periodId: string;
  groups: GroupCounts[];
}

export type RateFigures = RateCounts & { rate: number | null };
const withRate = (counts: RateCounts): RateFigures => ({ ...counts, rate: implementationRate(counts) });

export interface PeriodRates {
  periodId: string;
  /** areas whose report for the period has been accepted (only they count) */
  areas: number;
  totals: RateFigures;
  provinces: (RateFigures & { province: string; areas: number })[];
  groups: (RateFigures & { taskGroupId: string })[];
  pilotAreas: (RateFigures & { province: string; pilotAreaId: string })[];
}

/** Sums the areas of one period per province, per task group and overall. */
export function periodRates(periodId: string, rows: readonly AreaPeriodCounts[]): PeriodRates {
  const mine = rows.filter((r) => r.periodId === periodId);
  const totals = zeroCounts();
  const provinces = new Map<string, { counts: RateCounts; areas: number }>();
  const groups = new Map<string, RateCounts>();
  for (const row of mine) {
    addCounts(totals, row);
    const province = provinces.get(row.province) ?? { counts: zeroCounts(), areas: 0 };
    addCounts(province.counts, row);
    province.areas += 1;
    provinces.set(row.province, province);
    for (const group of row.groups)
      groups.set(group.taskGroupId, addCounts(groups.get(group.taskGroupId) ?? zeroCounts(), group));
  }
  return {
    periodId,
    areas: mine.length,
    totals: withRate(totals),
    provinces: [...provinces.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([province, p]) => ({ province, areas: p.areas, ...withRate(p.counts) })),
    groups: [...groups.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([taskGroupId, counts]) => ({ taskGroupId, ...withRate(counts) })),
    pilotAreas: [...mine]
      .sort((a, b) => a.pilotAreaId.localeCompare(b.pilotAreaId))
      .map((r) => ({
        province: r.province,
        pilotAreaId: r.pilotAreaId,
        ...withRate({ applicable: r.applicable, implemented: r.implemented, notPlanned: r.notPlanned }),
      })),
  };
}

export interface TrendPoint {
  periodId: string;
  rate: number | null;
  /** percentage points since the previous period with a rate (null for the first) */
  change: number | null;
}

/** The rate period after period (periods in order), and how it moved. */
export function trendOf(periods: readonly { periodId: string; totals: RateFigures }[]): TrendPoint[] {
  let previous: number | null = null;
  return periods.map(({ periodId, totals }) => {
    const change =
      totals.rate === null || previous === null ? null : Math.round((totals.rate - previous) * 10) / 10;
    if (totals.rate !== null) previous = totals.rate;
    return { periodId, rate: totals.rate, change };
  });
}
