import { infraConnection } from '@tradepilot/test-stack';

/** One span of a trace as Jaeger's query API returns it, times in milliseconds. */
export interface TimedSpan {
  spanId: string;
  parentId: string | undefined;
  service: string;
  name: string;
  start: number;
  end: number;
  tags: Record<string, unknown>;
}

interface JaegerTrace {
  data?: {
    spans: {
      spanID: string;
      operationName: string;
      processID: string;
      startTime: number;
      duration: number;
      references: { refType: string; spanID: string }[];
      tags: { key: string; value: unknown }[];
    }[];
    processes: Record<string, { serviceName: string }>;
  }[];
}

/** The spans of one trace, by start time (empty while Jaeger does not have it yet). */
export async function traceSpans(
  traceId: string,
  jaegerQueryUrl = infraConnection().jaegerQueryUrl,
): Promise<TimedSpan[]> {
  const res = await fetch(`${jaegerQueryUrl}/api/traces/${traceId}`);
  if (!res.ok) return [];
  const trace = ((await res.json()) as JaegerTrace).data?.[0];
  if (!trace) return [];
  return trace.spans
    .map((s) => ({
      spanId: s.spanID,
      parentId: s.references.find((r) => r.refType === 'CHILD_OF')?.spanID,
      service: trace.processes[s.processID]?.serviceName ?? '?',
      name: s.operationName,
      start: s.startTime / 1000,
      end: (s.startTime + s.duration) / 1000,
      tags: Object.fromEntries(s.tags.map((t) => [t.key, t.value])),
    }))
    .sort((a, b) => a.start - b.start);
}

/** A trace as lines of `+start ms  duration ms  service  name`, relative to its first span. */
export function traceOutline(spans: TimedSpan[]): string {
  const origin = spans[0]?.start ?? 0;
  return spans
    .map(
      (s) =>
        `+${(s.start - origin).toFixed(1).padStart(7)} ${(s.end - s.start).toFixed(1).padStart(7)}  ${s.service.padEnd(10)} ${s.name}`,
    )
    .join('\n');
}
