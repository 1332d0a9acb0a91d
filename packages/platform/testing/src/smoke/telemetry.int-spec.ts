import { SpanStatusCode } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { eventually } from '../eventually';
import { infraConnection } from '../infra-connection';
import { uniqueSuffix } from '../unique-names';

interface JaegerTrace {
  traceID: string;
  spans: { spanID: string; operationName: string; tags: { key: string; value: unknown }[] }[];
}

describe('OpenTelemetry export to Jaeger', () => {
  const { otlpTracesUrl, jaegerQueryUrl } = infraConnection();
  const serviceName = `smoke-telemetry-${uniqueSuffix()}`;
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [
      new BatchSpanProcessor(new OTLPTraceExporter({ url: otlpTracesUrl }), { scheduledDelayMillis: 100 }),
    ],
  });

  afterAll(() => provider.shutdown());

  it('a span exported over OTLP/HTTP shows up in the query API under its service name', async () => {
    const tracer = provider.getTracer('smoke');
    const span = tracer.startSpan('plan.submit', { attributes: { 'tradepilot.tenant': 'guangdong' } });
    span.setStatus({ code: SpanStatusCode.OK });
    span.end();
    const { traceId, spanId } = span.spanContext();

    const trace = await eventually(
      async () => {
        const res = await fetch(`${jaegerQueryUrl}/api/traces?service=${serviceName}&lookback=1h&limit=20`);
        const body = (await res.json()) as { data: JaegerTrace[] | null };
        return body.data?.find((t) => t.traceID === traceId);
      },
      { description: `trace ${traceId} in Jaeger`, intervalMs: 200 },
    );

    const stored = trace.spans.find((s) => s.spanID === spanId);
    expect(stored?.operationName).toBe('plan.submit');
    expect(stored?.tags).toContainEqual(
      expect.objectContaining({ key: 'tradepilot.tenant', value: 'guangdong' }),
    );

    const services = (await (await fetch(`${jaegerQueryUrl}/api/services`)).json()) as { data: string[] };
    expect(services.data).toContain(serviceName);
  });
});
