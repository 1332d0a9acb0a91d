import { context as otelContext, trace } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { runInContext } from '@tradepilot/context';
import { Writable } from 'node:stream';
import { createLogger } from './logger';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { lines, destination };
}

describe('createLogger', () => {
  const contextManager = new AsyncLocalStorageContextManager().enable();
  beforeAll(() => otelContext.setGlobalContextManager(contextManager));
  afterAll(() => otelContext.disable());

  it('writes JSON with the trace id, span id and tenant of the current context', () => {
    const { lines, destination } = capture();
    const logger = createLogger('plans', { destination });
    const tracer = new BasicTracerProvider().getTracer('test');
    const span = tracer.startSpan('plan.submit');
    otelContext.with(trace.setSpan(otelContext.active(), span), () =>
      runInContext({ tenant: 'guangdong' }, () => logger.info({ planId: 'p1' }, 'plan submitted')),
    );
    span.end();
    expect(lines[0]).toMatchObject({
      level: 'info',
      service: 'plans',
      msg: 'plan submitted',
      planId: 'p1',
      tenant: 'guangdong',
      trace_id: span.spanContext().traceId,
      span_id: span.spanContext().spanId,
    });
  });

  it('redacts passwords and tokens', () => {
    const { lines, destination } = capture();
    createLogger('gateway', { destination }).info({ password: 'hunter2', body: { token: 'abc' } }, 'login');
    expect(JSON.stringify(lines[0])).not.toMatch(/hunter2|abc/);
  });
});
