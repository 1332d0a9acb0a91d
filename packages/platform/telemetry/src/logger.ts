import { isSpanContextValid, trace } from '@opentelemetry/api';
import { currentContext } from '@tradepilot/context';
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';

export type { Logger } from 'pino';

/** Never logged: tokens, passwords, cookies. */
export const redactedPaths = [
  'password',
  '*.password',
  'token',
  '*.token',
  'accessToken',
  'refreshToken',
  '*.accessToken',
  '*.refreshToken',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-internal-token"]',
  'headers.authorization',
  'headers["x-internal-token"]',
];

/** JSON logs with the trace and span ids of the active span and the tenant of the context. */
export function createLogger(
  service: string,
  options: { level?: string; destination?: DestinationStream } = {},
): Logger {
  const loggerOptions: LoggerOptions = {
    name: service,
    level: options.level ?? process.env['LOG_LEVEL'] ?? 'info',
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: redactedPaths, censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
    mixin() {
      const fields: Record<string, string> = {};
      const spanContext = trace.getActiveSpan()?.spanContext();
      if (spanContext && isSpanContextValid(spanContext)) {
        fields['trace_id'] = spanContext.traceId;
        fields['span_id'] = spanContext.spanId;
      }
      const context = currentContext();
      if (context) fields['tenant'] = context.tenant;
      return fields;
    },
  };
  return options.destination ? pino(loggerOptions, options.destination) : pino(loggerOptions);
}
