/** Statistics of one administrative matter over a set of applications (pure). */
export interface MatterStatistics {
  matterId: string;
  applications: number;
  decided: number;
  medianProcessingDays: number | null;
  p90ProcessingDays: number | null;
  /** decided within the statutory limit / decided; null before any decision */
  withinLimitShare: number | null;
  overdueNow: number;
}

export interface MatterCounts {
  matterId: string;
  applications: number;
  decided: number;
  withinLimit: number;
  processingDays: { days: number; count: number }[];
  pendingByDueOn: { dueOn: string; count: number }[];
}

/** Nearest-rank percentile of a histogram: the smallest value with at least p of the counts at or below it. */
export function percentile(histogram: { days: number; count: number }[], p: number): number | null {
  const sorted = [...histogram].filter((h) => h.count > 0).sort((a, b) => a.days - b.days);
  const total = sorted.reduce((n, h) => n + h.count, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const h of sorted) {
    seen += h.count;
    if (seen >= rank) return h.days;
  }
  return sorted.at(-1)?.days ?? null;
}

/** Adds up the counts of several provinces, matter by matter. */
export function mergeCounts(all: MatterCounts[]): MatterCounts[] {
  const byMatter = new Map<string, MatterCounts>();
  for (const c of all) {
    const into = byMatter.get(c.matterId) ?? {
      matterId: c.matterId,
      applications: 0,
      decided: 0,
      withinLimit: 0,
      processingDays: [],
      pendingByDueOn: [],
    };
    into.applications += c.applications;
    into.decided += c.decided;
    into.withinLimit += c.withinLimit;
    into.processingDays = [...into.processingDays, ...c.processingDays];
    into.pendingByDueOn = [...into.pendingByDueOn, ...c.pendingByDueOn];
    byMatter.set(c.matterId, into);
  }
  return [...byMatter.values()];
}

/** `today` is a local date: a pending application is overdue once its due day has passed. */
export function matterStatistics(counts: MatterCounts, today: string): MatterStatistics {
  return {
    matterId: counts.matterId,
    applications: counts.applications,
    decided: counts.decided,
    medianProcessingDays: percentile(counts.processingDays, 0.5),
    p90ProcessingDays: percentile(counts.processingDays, 0.9),
    withinLimitShare: counts.decided > 0 ? counts.withinLimit / counts.decided : null,
    overdueNow: counts.pendingByDueOn.filter((p) => p.dueOn < today).reduce((n, p) => n + p.count, 0),
  };
}
