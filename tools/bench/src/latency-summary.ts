import { build } from 'hdr-histogram-js';

export interface LatencySummary {
  samples: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** Percentiles of latencies in milliseconds (microsecond resolution). */
export function summarize(latenciesMs: number[]): LatencySummary {
  const histogram = build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 600_000_000,
    numberOfSignificantValueDigits: 3,
  });
  for (const ms of latenciesMs) histogram.recordValue(Math.max(1, Math.round(ms * 1000)));
  const at = (p: number) => Math.round(histogram.getValueAtPercentile(p)) / 1000;
  return {
    samples: latenciesMs.length,
    p50Ms: at(50),
    p99Ms: at(99),
    maxMs: Math.round(histogram.maxValue) / 1000,
  };
}

export const ratio = (value: number, baseline: number): number => Math.round((value / baseline) * 100) / 100;
