import type { Instrumentation } from '@opentelemetry/instrumentation';
import type { Resource } from '@opentelemetry/resources';
import type { Sampler, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { commandsAlwaysSampled, queryRatioFrom } from './command-sampler';
import { TenantSpanProcessor } from './tenant-span-processor';

/** what `shutdownTelemetry` stops: the lean tracer provider, or the full SDK when one was asked for */
let running: { shutdown(): Promise<void> } | undefined;

export interface TelemetryOptions {
  serviceName: string;
  serviceVersion: string;
  /** OTLP/HTTP base URL, e.g. http://127.0.0.1:4318 */
  otlpEndpoint: string;
  /** the share of reads traced (commands, events and timers always are); 1 when not given */
  queryRatio?: number;
}

/* eslint-disable @typescript-eslint/no-require-imports -- loaded only when the SDK starts: a
   process with OTEL_SDK_DISABLED=true (or one that only logs) never holds the OpenTelemetry code */
/**
 * The instrumentations DESIGN.md asks for. Database calls are traced at the driver (mongodb),
 * which names the database and command. Each is built by name, so OTEL_NODE_ENABLED_INSTRUMENTATIONS
 * can narrow the list; nothing else is loaded: the auto-instrumentation bundle required some forty
 * packages at every start for five it used.
 */
const instrumentationsByName: Record<string, () => Instrumentation> = {
  http: () => {
    const { HttpInstrumentation } =
      require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
    return new HttpInstrumentation({
      // probes would drown the traces people look for
      ignoreIncomingRequestHook: (req) => (req.url ?? '').startsWith('/health'),
    });
  },
  // a span per middleware cost a fifth of a request's CPU and says little; routes stay
  express: () => {
    const { ExpressInstrumentation, ExpressLayerType } =
      require('@opentelemetry/instrumentation-express') as typeof import('@opentelemetry/instrumentation-express');
    return new ExpressInstrumentation({ ignoreLayersType: [ExpressLayerType.MIDDLEWARE] });
  },
  undici: () => {
    const { UndiciInstrumentation } =
      require('@opentelemetry/instrumentation-undici') as typeof import('@opentelemetry/instrumentation-undici');
    return new UndiciInstrumentation();
  },
  mongodb: () => {
    const { MongoDBInstrumentation } =
      require('@opentelemetry/instrumentation-mongodb') as typeof import('@opentelemetry/instrumentation-mongodb');
    return new MongoDBInstrumentation();
  },
  kafkajs: () => {
    const { KafkaJsInstrumentation } =
      require('@opentelemetry/instrumentation-kafkajs') as typeof import('@opentelemetry/instrumentation-kafkajs');
    return new KafkaJsInstrumentation();
  },
};
export const instrumentedLibraries = Object.keys(instrumentationsByName).join(',');

/** the instrumentations a comma-separated list names; an unknown name is warned about and skipped */
export function instrumentationsFor(list: string | undefined): Instrumentation[] {
  const names = (list ?? instrumentedLibraries)
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  return names.flatMap((name) => {
    const build = instrumentationsByName[name];
    if (build) return [build()];
    process.emitWarning(
      `OTEL_NODE_ENABLED_INSTRUMENTATIONS: "${name}" is not one of ${instrumentedLibraries}`,
    );
    return [];
  });
}

const exporterNamed = (value: string | undefined): boolean =>
  value !== undefined && value.trim() !== '' && value.trim() !== 'none';

export function startTelemetry(options: TelemetryOptions, env: NodeJS.ProcessEnv = process.env): void {
  if (running) return;
  const { resourceFromAttributes } =
    require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  const { BatchSpanProcessor } =
    require('@opentelemetry/sdk-trace-base') as typeof import('@opentelemetry/sdk-trace-base');
  const { OTLPTraceExporter } =
    require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  const { NodeTracerProvider } =
    require('@opentelemetry/sdk-trace-node') as typeof import('@opentelemetry/sdk-trace-node');
  const { registerInstrumentations } =
    require('@opentelemetry/instrumentation') as typeof import('@opentelemetry/instrumentation');
  const resource = resourceFromAttributes({
    'service.name': options.serviceName,
    'service.version': options.serviceVersion,
    'service.namespace': 'tradepilot',
  });
  const sampler = commandsAlwaysSampled(options.queryRatio ?? 1);
  const spanProcessors: SpanProcessor[] = [
    new TenantSpanProcessor(),
    new BatchSpanProcessor(
      new OTLPTraceExporter({ url: `${options.otlpEndpoint.replace(/\/$/, '')}/v1/traces` }),
    ),
  ];
  const instrumentations = instrumentationsFor(env['OTEL_NODE_ENABLED_INSTRUMENTATIONS']);
  // Jaeger takes traces only; a deployment that names a metrics or logs exporter gets the full SDK,
  // which reads the standard OTEL_* variables for them
  if (exporterNamed(env['OTEL_METRICS_EXPORTER']) || exporterNamed(env['OTEL_LOGS_EXPORTER'])) {
    running = startFullSdk(resource, sampler, spanProcessors, instrumentations);
    return;
  }
  const provider = new NodeTracerProvider({ resource, sampler, spanProcessors });
  provider.register();
  registerInstrumentations({ tracerProvider: provider, instrumentations });
  running = provider;
}

function startFullSdk(
  resource: Resource,
  sampler: Sampler,
  spanProcessors: SpanProcessor[],
  instrumentations: Instrumentation[],
): { shutdown(): Promise<void> } {
  // the full SDK and its exporters cost every start half a second of CPU
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const sdk = new NodeSDK({ resource, sampler, spanProcessors, instrumentations });
  sdk.start();
  return sdk;
}
/* eslint-enable @typescript-eslint/no-require-imports */

/** Starts from the standard OTEL_* variables unless OTEL_SDK_DISABLED=true. */
export function startTelemetryFromEnv(serviceName: string, env: NodeJS.ProcessEnv = process.env): void {
  if (env['OTEL_SDK_DISABLED'] === 'true') return;
  startTelemetry(
    {
      serviceName: env['OTEL_SERVICE_NAME'] ?? serviceName,
      serviceVersion: env['SERVICE_VERSION'] ?? '0.0.0',
      otlpEndpoint: env['OTEL_EXPORTER_OTLP_ENDPOINT'] ?? 'http://127.0.0.1:4318',
      queryRatio: queryRatioFrom(env['TRACE_QUERY_SAMPLE_RATIO']),
    },
    env,
  );
}

/** Flushes and stops exporting: the last step of a graceful shutdown. */
export async function shutdownTelemetry(): Promise<void> {
  const stopping = running;
  running = undefined;
  await stopping?.shutdown();
}

export const telemetryStarted = (): boolean => running !== undefined;
