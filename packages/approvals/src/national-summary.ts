import type { LocalizedText } from '@tradepilot/contracts';
import type { CalendarSource } from './calendar-source';
import { matterStatistics, mergeCounts, type MatterCounts, type MatterStatistics } from './matter-statistics';
import type { ProvinceSummaryCache } from './province-summary-cache';
import { localDate } from '@tradepilot/timers';

/** Ages of open cases in working days since opening. */
export const ageBuckets = [
  { bucket: '0-5', max: 5 },
  { bucket: '6-10', max: 10 },
  { bucket: '11-20', max: 20 },
  { bucket: '21+', max: Number.POSITIVE_INFINITY },
] as const;
export type AgeBucket = (typeof ageBuckets)[number]['bucket'];

const bucketOf = (days: number): AgeBucket => (ageBuckets.find((b) => days <= b.max) ?? ageBuckets[3]).bucket;

export type NamedMatterStatistics = MatterStatistics & { name: LocalizedText | null };

export interface NationalSummary {
  asOf: string;
  openCases: {
    total: number;
    byType: { caseType: string; count: number }[];
    byProvince: { tenant: string; count: number }[];
    byAge: { bucket: AgeBucket; count: number }[];
    cells: { caseType: string; tenant: string; bucket: AgeBucket; count: number }[];
  };
  overdueSteps: {
    total: number;
    byType: { caseType: string; count: number }[];
    byProvince: { tenant: string; count: number }[];
  };
  adminMatters: {
    national: NamedMatterStatistics[];
    byProvince: { tenant: string; matters: NamedMatterStatistics[] }[];
  };
}

function tally<K extends string>(rows: { key: K; count: number }[]): Map<K, number> {
  const out = new Map<K, number>();
  for (const r of rows) out.set(r.key, (out.get(r.key) ?? 0) + r.count);
  return out;
}

/**
 * The ministry's national view, read from the per-province projection (≤ 21 small documents; no
 * fan-out to provinces): ages and "overdue now" are worked out against the clock and calendar.
 */
export async function nationalSummary(
  summaries: ProvinceSummaryCache,
  calendars: CalendarSource,
  now: Date,
): Promise<NationalSummary> {
  const [provinces, calendar] = await Promise.all([summaries.all(), calendars.calendar()]);
  const today = localDate(now);
  const ages = new Map<string, number>();
  const ageOf = (openedOn: string) => {
    let days = ages.get(openedOn);
    if (days === undefined) ages.set(openedOn, (days = calendar.workingDaysBetween(openedOn, today)));
    return days;
  };
  const cells = provinces.flatMap((p) =>
    p.openCases.map((c) => ({
      caseType: c.caseType,
      tenant: p._id,
      bucket: bucketOf(ageOf(c.openedOn)),
      count: c.count,
    })),
  );
  const merged = new Map<string, (typeof cells)[number]>();
  for (const c of cells) {
    const key = `${c.caseType}|${c.tenant}|${c.bucket}`;
    const into = merged.get(key);
    if (into) into.count += c.count;
    else merged.set(key, { ...c });
  }
  const mergedCells = [...merged.values()];
  const overdue = provinces.flatMap((p) =>
    p.openSteps
      .filter((s) => s.dueOn < today)
      .map((s) => ({ caseType: s.caseType, tenant: p._id, count: s.count })),
  );
  const matterNames = new Map(provinces.flatMap((p) => p.matters.map((m) => [m.matterId, m.name] as const)));
  const named = (s: MatterStatistics): NamedMatterStatistics => ({
    ...s,
    name: matterNames.get(s.matterId) ?? null,
  });
  const allCounts: MatterCounts[] = provinces.flatMap((p) => p.matters);
  const asList = <K extends string, F extends string>(m: Map<K, number>, field: F) =>
    [...m]
      .map(([key, count]) => ({ [field]: key, count }) as { [P in F]: K } & { count: number })
      .sort((a, b) => b.count - a.count);

  return {
    asOf: now.toISOString(),
    openCases: {
      total: mergedCells.reduce((n, c) => n + c.count, 0),
      byType: asList(tally(mergedCells.map((c) => ({ key: c.caseType, count: c.count }))), 'caseType'),
      byProvince: asList(tally(mergedCells.map((c) => ({ key: c.tenant, count: c.count }))), 'tenant'),
      byAge: ageBuckets.map((b) => ({
        bucket: b.bucket,
        count: mergedCells.filter((c) => c.bucket === b.bucket).reduce((n, c) => n + c.count, 0),
      })),
      cells: mergedCells,
    },
    overdueSteps: {
      total: overdue.reduce((n, o) => n + o.count, 0),
      byType: asList(tally(overdue.map((o) => ({ key: o.caseType, count: o.count }))), 'caseType'),
      byProvince: asList(tally(overdue.map((o) => ({ key: o.tenant, count: o.count }))), 'tenant'),
    },
    adminMatters: {
      national: mergeCounts(allCounts).map((c) => named(matterStatistics(c, today))),
      byProvince: provinces
        .filter((p) => p.matters.length > 0)
        .map((p) => ({
          tenant: p._id,
          matters: mergeCounts(p.matters).map((c) => named(matterStatistics(c, today))),
        })),
    },
  };
}
