import { eventually, infraConnection } from '@tradepilot/testing';

export interface TraceSpan {
  spanID: string;
  operationName: string;
  service: string;
  parentSpanId: string | undefined;
  tags: Record<string, unknown>;
  /** start and end, epoch milliseconds */
  startMs: number;
  endMs: number;
}

interface JaegerTraceBody {
  data: {
    traceID: string;
    spans: {
      spanID: string;
      operationName: string;
      processID: string;
      /** microseconds */
      startTime: number;
      duration: number;
      references: { refType: string; spanID: string }[];
      tags: { key: string; value: unknown }[];
    }[];
    processes: Record<string, { serviceName: string }>;
  }[];
}

/** Reads one trace from Jaeger's query API, flattened to spans with their service and parent. */
export async function readTrace(
  traceId: string,
  jaegerQueryUrl = infraConnection().jaegerQueryUrl,
): Promise<TraceSpan[]> {
  const res = await fetch(`${jaegerQueryUrl}/api/traces/${traceId}`);
  if (!res.ok) return [];
  const body = (await res.json()) as JaegerTraceBody;
  const trace = body.data?.[0];
  if (!trace) return [];
  return trace.spans.map((s) => ({
    spanID: s.spanID,
    operationName: s.operationName,
    service: trace.processes[s.processID]?.serviceName ?? '?',
    parentSpanId: s.references.find((r) => r.refType === 'CHILD_OF')?.spanID,
    tags: Object.fromEntries(s.tags.map((t) => [t.key, t.value])),
    startMs: s.startTime / 1000,
    endMs: (s.startTime + s.duration) / 1000,
  }));
}

/** Polls until the trace holds spans satisfying `complete` (spans arrive in batches). */
export function waitForTrace(traceId: string, complete: (spans: TraceSpan[]) => boolean, timeoutMs = 20_000) {
  return eventually(
    async () => {
      const spans = await readTrace(traceId);
      return complete(spans) && spans;
    },
    { description: `trace ${traceId} complete in Jaeger`, timeoutMs, intervalMs: 250 },
  );
}

/** The chain of spans from `span` up to the root of its trace. */
export function ancestry(spans: TraceSpan[], span: TraceSpan): TraceSpan[] {
  const byId = new Map(spans.map((s) => [s.spanID, s]));
  const chain = [span];
  let current = span;
  while (current.parentSpanId && byId.has(current.parentSpanId)) {
    current = byId.get(current.parentSpanId) as TraceSpan;
    chain.push(current);
  }
  return chain;
}
