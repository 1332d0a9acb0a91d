import { until } from './bounded-poll';
import { latencyStats, type LatencyStats } from './latency-stats';
import { traceSpans, type TimedSpan } from './trace-spans';

/** One sample of the event path, by the trace of its `approval.case_opened.v1`. */
export interface EventPathSample {
  traceId: string;
  /** epoch ms the bench called `plan.submit` and saw the case event arrive */
  startedAt: number;
  arrivedAt: number;
}

/** The stretches of `plan.submit` → `approval.case_opened.v1`, in path order, in ms. */
export const segments = [
  'client → gateway',
  'gateway → plans',
  'plans reads (plan, catalog)',
  'plans freeze (plan version)',
  'plans commit + response',
  'plans relay: commit → send',
  'kafka → approvals consumer',
  'approvals handler reads',
  'approvals commit (case + outbox)',
  'approvals relay: commit → send',
  'kafka → bench consumer',
] as const;
export type Segment = (typeof segments)[number];

const one = (spans: TimedSpan[], what: string, match: (s: TimedSpan) => boolean): TimedSpan => {
  const span = spans.find(match);
  if (!span) throw new Error(`the trace has no span for ${what}`);
  return span;
};

/** Splits one trace at its milestones; throws when a milestone is missing. */
export function splitTrace(spans: TimedSpan[], sample: EventPathSample): Record<Segment, number> {
  const gateway = one(spans, 'the gateway call', (s) => s.service === 'gateway' && !s.parentSpanId);
  const plans = one(
    spans,
    'the plans call',
    (s) => s.service === 'plans' && s.operationName.startsWith('POST'),
  );
  const freeze = one(
    spans,
    'the freeze',
    (s) => s.service === 'plans' && s.operationName === 'update plan_versions',
  );
  const plansSend = one(
    spans,
    'the plans relay send',
    (s) => s.service === 'plans' && /^send .*plans\.plan$/.test(s.operationName),
  );
  const received = one(
    spans,
    'the approvals consumer',
    (s) => s.service === 'approvals' && /^process .*plans\.plan$/.test(s.operationName),
  );
  const caseInsert = one(
    spans,
    'the case insert',
    (s) => s.service === 'approvals' && s.operationName === 'insert cases' && s.startMs >= received.startMs,
  );
  const caseSend = one(
    spans,
    'the approvals relay send',
    (s) => s.service === 'approvals' && /^send .*approvals\.case$/.test(s.operationName),
  );
  return {
    'client → gateway': gateway.startMs - sample.startedAt,
    'gateway → plans': plans.startMs - gateway.startMs,
    'plans reads (plan, catalog)': freeze.startMs - plans.startMs,
    'plans freeze (plan version)': freeze.endMs - freeze.startMs,
    'plans commit + response': plans.endMs - freeze.endMs,
    'plans relay: commit → send': plansSend.startMs - plans.endMs,
    'kafka → approvals consumer': received.startMs - plansSend.startMs,
    'approvals handler reads': caseInsert.startMs - received.startMs,
    'approvals commit (case + outbox)': caseInsert.endMs - caseInsert.startMs,
    'approvals relay: commit → send': caseSend.startMs - caseInsert.endMs,
    'kafka → bench consumer': sample.arrivedAt - caseSend.startMs,
  };
}

/**
 * Reads each sample's trace from Jaeger (spans arrive in batches: a bounded wait for each) and
 * reports every segment's latency figures over the samples whose traces are complete.
 */
export async function eventPathSplit(
  samples: EventPathSample[],
): Promise<{ traced: number; segments: Record<Segment, LatencyStats> }> {
  const splits: Record<Segment, number>[] = [];
  for (const [n, sample] of samples.entries()) {
    // no trace among the first few: tracing is off or Jaeger elsewhere, not worth waiting for each
    if (n === 3 && splits.length === 0) break;
    const split = await until(
      `trace ${sample.traceId} complete in Jaeger`,
      async () => {
        try {
          return splitTrace(await traceSpans(sample.traceId), sample);
        } catch {
          return undefined;
        }
      },
      15_000,
      250,
    ).catch(() => undefined);
    if (split) splits.push(split);
  }
  const bySegment = Object.fromEntries(
    segments.map((name) => [name, latencyStats(splits.map((s) => s[name]))]),
  ) as Record<Segment, LatencyStats>;
  return { traced: splits.length, segments: bySegment };
}
