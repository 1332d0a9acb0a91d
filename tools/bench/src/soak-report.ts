import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CacheFigure, CacheInspection } from './soak-probe';
import { megabytes } from './process-memory';

type ProbeLine =
  | { kind: 'start'; at: number; app: string; pid: number }
  | { kind: 'sample'; at: number; rss: number; heapUsed: number; eventLoopDelay: DelayFigures }
  | { kind: 'mark'; at: number; rss: number; eventLoopDelay: DelayFigures }
  | ({ kind: 'caches'; at: number; error?: string } & Partial<CacheInspection>);

interface DelayFigures {
  count: number;
  p50Ms?: number;
  p99Ms?: number;
  maxMs?: number;
}

/** Every app's probe lines, by app (a restarted app would leave a second file: the longer one counts). */
export function readProbeFiles(directory: string): Map<string, ProbeLine[]> {
  const byApp = new Map<string, ProbeLine[]>();
  for (const file of readdirSync(directory).filter((f) => f.endsWith('.jsonl'))) {
    const lines = readFileSync(join(directory, file), 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as ProbeLine);
    const app = file.replace(/-\d+\.jsonl$/, '');
    if ((byApp.get(app)?.length ?? 0) < lines.length) byApp.set(app, lines);
  }
  return byApp;
}

const mean = (values: number[]): number => values.reduce((n, v) => n + v, 0) / Math.max(values.length, 1);

type CacheSummary = { error: string } | { boundedCaches: string[]; entries: number; overBound: number };

function cacheSummary(inspection: Partial<CacheInspection> & { error?: string }): CacheSummary {
  const { caches, error } = inspection;
  if (error || !caches) return { error: error ?? 'no inspection' };
  return {
    boundedCaches: caches.map((c: CacheFigure) => `${c.kind} ${c.size}/${c.bound}`),
    entries: caches.reduce((n, c) => n + c.size, 0),
    overBound: caches.filter((c) => c.size > c.bound).length,
  };
}

export interface AppSoakFigures {
  samples: number;
  rssAfterWarmUpMb: number;
  rssAtEndMb: number;
  rssGrowthPercent: number;
  heapAfterWarmUpMb: number;
  heapAtEndMb: number;
  eventLoopDelay: { p50Ms?: number; p99Ms?: number; maxMs?: number; worstIntervalP99Ms: number };
  cachesAfterWarmUp: CacheSummary;
  cachesAtEnd: CacheSummary;
  cacheEntriesGrowth: number | undefined;
  goals: { rssGrowth: boolean; eventLoopDelayP99: boolean; cachesWithinBounds: boolean };
}

/**
 * One app's soak from its probe lines: the first mark ends the warm-up, the second the soak. RSS
 * growth compares the mean of the samples in the first `windowMs` after warm-up with the mean of
 * the last `windowMs` (single samples move with each garbage collection).
 */
export function appSoakFigures(lines: ProbeLine[], windowMs: number): AppSoakFigures | { error: string } {
  const marks = lines.filter((l): l is Extract<ProbeLine, { kind: 'mark' }> => l.kind === 'mark');
  const inspections = lines.filter((l): l is Extract<ProbeLine, { kind: 'caches' }> => l.kind === 'caches');
  const [warm, end] = marks;
  if (!warm || !end) return { error: `expected two marks, found ${marks.length}` };
  const samples = lines.filter(
    (l): l is Extract<ProbeLine, { kind: 'sample' }> =>
      l.kind === 'sample' && l.at >= warm.at && l.at <= end.at,
  );
  const first = samples.filter((s) => s.at <= warm.at + windowMs);
  const last = samples.filter((s) => s.at >= end.at - windowMs);
  if (first.length === 0 || last.length === 0) return { error: 'too few samples after the warm-up' };
  const rssStart = mean(first.map((s) => s.rss));
  const rssEnd = mean(last.map((s) => s.rss));
  const growth = Math.round(((rssEnd - rssStart) / rssStart) * 1000) / 10;
  const worstIntervalP99Ms = Math.max(...samples.map((s) => s.eventLoopDelay.p99Ms ?? 0));
  const afterWarmUp = inspections.find((i) => i.at >= warm.at && i.at < end.at) ?? {};
  const atEnd = inspections.find((i) => i.at >= end.at) ?? {};
  const cachesAfterWarmUp = cacheSummary(afterWarmUp);
  const cachesAtEnd = cacheSummary(atEnd);
  const entries = (s: CacheSummary) => ('entries' in s ? s.entries : undefined);
  const startEntries = entries(cachesAfterWarmUp);
  const endEntries = entries(cachesAtEnd);
  const p99 = end.eventLoopDelay.p99Ms ?? 0;
  return {
    samples: samples.length,
    rssAfterWarmUpMb: megabytes(rssStart),
    rssAtEndMb: megabytes(rssEnd),
    rssGrowthPercent: growth,
    heapAfterWarmUpMb: megabytes(mean(first.map((s) => s.heapUsed))),
    heapAtEndMb: megabytes(mean(last.map((s) => s.heapUsed))),
    eventLoopDelay: {
      ...(end.eventLoopDelay.p50Ms !== undefined ? { p50Ms: end.eventLoopDelay.p50Ms } : {}),
      p99Ms: p99,
      ...(end.eventLoopDelay.maxMs !== undefined ? { maxMs: end.eventLoopDelay.maxMs } : {}),
      worstIntervalP99Ms,
    },
    cachesAfterWarmUp,
    cachesAtEnd,
    cacheEntriesGrowth:
      startEntries !== undefined && endEntries !== undefined ? endEntries - startEntries : undefined,
    goals: {
      rssGrowth: growth <= 10,
      eventLoopDelayP99: p99 <= 50,
      cachesWithinBounds:
        'overBound' in cachesAfterWarmUp &&
        'overBound' in cachesAtEnd &&
        cachesAfterWarmUp.overBound === 0 &&
        cachesAtEnd.overBound === 0,
    },
  };
}
