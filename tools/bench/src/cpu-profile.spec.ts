import { frameOrigin, profileWindow, summariseProfile, type CpuProfile } from './cpu-profile';

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

describe('a profile cut to a window of the monotonic clock', () => {
  it('keeps the samples taken inside the window, with their own deltas', () => {
    const profile: CpuProfile = {
      nodes: [
        frame(1, '(idle)', ''),
        frame(2, 'decide', 'file:///w/packages/approvals/dist/case-decision.js'),
      ],
      samples: [1, 2, 2, 1, 2],
      timeDeltas: [100, 100, 100, 100, 100],
      startTime: 1_000,
    };
    // samples at 1,100 1,200 1,300 1,400 1,500; the window holds 1,300 and 1,400
    const cut = profileWindow(profile, 1_250, 1_400);
    expect(cut.samples).toEqual([2, 1]);
    expect(cut.timeDeltas).toEqual([100, 100]);
    expect(summariseProfile(cut).idleShare).toBe(0.5);
    expect(profileWindow(profile, 2_000, 3_000).samples).toEqual([]);
  });
});
