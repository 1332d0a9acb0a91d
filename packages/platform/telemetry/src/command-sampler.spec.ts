import { randomBytes } from 'node:crypto';
import { context, SpanKind, trace, TraceFlags } from '@opentelemetry/api';
import { SamplingDecision } from '@opentelemetry/sdk-trace-base';
import { commandsAlwaysSampled, queryRatioFrom } from './command-sampler';

const traceIds = Array.from({ length: 400 }, () => randomBytes(16).toString('hex'));
const sampledShare = (method: string, ratio: number) =>
  traceIds.filter(
    (id) =>
      commandsAlwaysSampled(ratio).shouldSample(
        context.active(),
        id,
        'POST',
        SpanKind.SERVER,
        { 'http.request.method': method },
        [],
      ).decision === SamplingDecision.RECORD_AND_SAMPLED,
  ).length / traceIds.length;

describe('commands always sampled, reads at a ratio', () => {
  it('keeps every command and a share of reads near the ratio', () => {
    expect(sampledShare('POST', 0)).toBe(1);
    expect(sampledShare('GET', 0)).toBe(0);
    expect(sampledShare('GET', 1)).toBe(1);
    const share = sampledShare('GET', 0.25);
    expect(share).toBeGreaterThan(0.1);
    expect(share).toBeLessThan(0.4);
  });

  it('keeps spans without an HTTP method (consumers, timers) and follows a parent', () => {
    const sampler = commandsAlwaysSampled(0);
    expect(
      sampler.shouldSample(context.active(), traceIds[1] as string, 'process', SpanKind.CONSUMER, {}, [])
        .decision,
    ).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    const unsampledParent = trace.setSpanContext(context.active(), {
      traceId: traceIds[2] as string,
      spanId: '0000000000000001',
      traceFlags: TraceFlags.NONE,
      isRemote: true,
    });
    expect(
      sampler.shouldSample(
        unsampledParent,
        traceIds[2] as string,
        'GET',
        SpanKind.SERVER,
        { 'http.request.method': 'POST' },
        [],
      ).decision,
    ).toBe(SamplingDecision.NOT_RECORD);
  });

  it('reads the ratio from the environment, refusing nonsense', () => {
    expect(queryRatioFrom(undefined)).toBe(1);
    expect(queryRatioFrom('0.1')).toBe(0.1);
    expect(() => queryRatioFrom('2')).toThrow(/TRACE_QUERY_SAMPLE_RATIO/);
    expect(() => queryRatioFrom('many')).toThrow(/TRACE_QUERY_SAMPLE_RATIO/);
  });
});
