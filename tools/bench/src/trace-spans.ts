import { readTrace, type TraceSpan } from '@tradepilot/test-stack';

/** One span of a trace as Jaeger's query API returns it, times in milliseconds. */
export type TimedSpan = TraceSpan;

/** The spans of one trace, by start time (empty while Jaeger does not have it yet). */
export async function traceSpans(traceId: string): Promise<TimedSpan[]> {
  return (await readTrace(traceId)).sort((a, b) => a.startMs - b.startMs);
}

/** A trace as lines of `+start ms  duration ms  service  name`, relative to its first span. */
export function traceOutline(spans: TimedSpan[]): string {
  const origin = spans[0]?.startMs ?? 0;
  return spans
    .map(
      (s) =>
        `+${(s.startMs - origin).toFixed(1).padStart(7)} ${(s.endMs - s.startMs).toFixed(1).padStart(7)}  ${s.service.padEnd(10)} ${s.operationName}`,
    )
    .join('\n');
}
