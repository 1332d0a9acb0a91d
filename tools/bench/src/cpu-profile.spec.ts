import { frameOrigin, summariseProfile, type CpuProfile } from './cpu-profile';

const frame = (id: number, functionName: string, url: string) => ({
  id,
  callFrame: { functionName, url, lineNumber: 9 },
});

describe('a CPU profile summarised by where the time went', () => {
  it('names the origin of a frame: ours, a dependency, node, or the profiler’s own states', () => {
    expect(frameOrigin('file:///w/packages/platform/messaging/dist/outbox-relay.js', 'send')).toBe(
      '@tradepilot/messaging',
    );
    expect(frameOrigin('file:///w/node_modules/kafkajs/src/producer/index.js', 'send')).toBe('kafkajs');
    expect(frameOrigin('file:///w/node_modules/@opentelemetry/api/build/x.js', 'with')).toBe(
      '@opentelemetry/api',
    );
    expect(frameOrigin('node:internal/streams/readable', 'push')).toBe('node');
    expect(frameOrigin('', '(idle)')).toBe('(idle)');
  });

  it('adds self time per frame and reports the idle share and the busiest functions', () => {
    const profile: CpuProfile = {
      nodes: [
        frame(1, '(idle)', ''),
        frame(2, 'deserialize', 'file:///w/node_modules/bson/lib/bson.cjs'),
        frame(3, 'relayDocuments', 'file:///w/packages/platform/messaging/dist/outbox-relay.js'),
      ],
      samples: [1, 1, 2, 3, 1, 2],
      timeDeltas: [1000, 1000, 500, 250, 1000, 250],
    };
    const summary = summariseProfile(profile);
    expect(summary.totalMs).toBe(4);
    expect(summary.idleShare).toBe(0.75);
    expect(summary.byOrigin[1]).toEqual({ origin: 'bson', share: 0.188 });
    expect(summary.topFunctions[0]).toEqual({
      name: 'deserialize bson.cjs:10',
      origin: 'bson',
      share: 0.188,
    });
  });
});
