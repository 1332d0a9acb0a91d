import type { Attributes, Context, Link, SpanKind } from '@opentelemetry/api';
import type { Sampler, SamplingResult } from '@opentelemetry/sdk-trace-base';

/** required when a sampler is made: a process that never starts the SDK never loads it */
const traceBase = () =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('@opentelemetry/sdk-trace-base') as typeof import('@opentelemetry/sdk-trace-base');

const readMethods = new Set(['GET', 'HEAD']);

/**
 * Where a trace starts: a read (GET) is kept at `queryRatio`, anything else — a command, a
 * consumed event, a timer — always, because a change nobody can trace is what operators chase.
 */
export class CommandsAlwaysSampler implements Sampler {
  private readonly reads: Sampler;
  private readonly rest: Sampler;

  constructor(private readonly queryRatio: number) {
    const { AlwaysOnSampler, TraceIdRatioBasedSampler } = traceBase();
    this.reads = new TraceIdRatioBasedSampler(queryRatio);
    this.rest = new AlwaysOnSampler();
  }

  shouldSample(
    context: Context,
    traceId: string,
    spanName: string,
    spanKind: SpanKind,
    attributes: Attributes,
    links: Link[],
  ): SamplingResult {
    const method = attributes['http.request.method'] ?? attributes['http.method'];
    const sampler = typeof method === 'string' && readMethods.has(method) ? this.reads : this.rest;
    return sampler.shouldSample(context, traceId, spanName, spanKind, attributes, links);
  }

  toString(): string {
    return `CommandsAlwaysSampler{queryRatio=${this.queryRatio}}`;
  }
}

/** A trace's first span decides (`CommandsAlwaysSampler`); every later span follows its parent. */
export function commandsAlwaysSampled(queryRatio: number): Sampler {
  return new (traceBase().ParentBasedSampler)({ root: new CommandsAlwaysSampler(queryRatio) });
}

/** `TRACE_QUERY_SAMPLE_RATIO`: 1 (every read) unless a number in [0, 1] says otherwise. */
export function queryRatioFrom(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 1;
  const ratio = Number(value);
  if (!Number.isFinite(ratio) || ratio < 0 || ratio > 1)
    throw new Error(`TRACE_QUERY_SAMPLE_RATIO must be a number from 0 to 1, not "${value}"`);
  return ratio;
}
