import { instrumentationsFor, instrumentedLibraries } from './telemetry-sdk';

describe('the instrumentations a service starts with', () => {
  it('are the five DESIGN.md names by default, each the library it says', () => {
    expect(instrumentedLibraries).toBe('http,express,undici,mongodb,kafkajs');
    expect(instrumentationsFor(undefined).map((i) => i.instrumentationName)).toEqual([
      '@opentelemetry/instrumentation-http',
      '@opentelemetry/instrumentation-express',
      '@opentelemetry/instrumentation-undici',
      '@opentelemetry/instrumentation-mongodb',
      '@opentelemetry/instrumentation-kafkajs',
    ]);
  });

  it('follow OTEL_NODE_ENABLED_INSTRUMENTATIONS, warning about a name it does not know', () => {
    const warning = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      const chosen = instrumentationsFor(' http , mongoose ,kafkajs');
      expect(chosen.map((i) => i.instrumentationName)).toEqual([
        '@opentelemetry/instrumentation-http',
        '@opentelemetry/instrumentation-kafkajs',
      ]);
      expect(warning).toHaveBeenCalledWith(expect.stringContaining('"mongoose"'));
    } finally {
      warning.mockRestore();
    }
  });
});
