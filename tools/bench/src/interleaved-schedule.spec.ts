import { interleavedSchedule, runSchedule, type Slot } from './interleaved-schedule';

/** A clock that moves only when the scheduler sleeps: the schedule's timing without real waits. */
function fakeClock(start = 1000) {
  let t = start;
  return { now: () => t, sleep: async (ms: number) => void (t += ms), advance: (ms: number) => (t += ms) };
}

describe('an interleaved open-loop schedule', () => {
  it('gives each kind the rate, the kinds alternating at equal offsets within each interval', () => {
    const slots = interleavedSchedule(['submit', 'baseline'], 3, 20);
    expect(slots).toEqual([
      { kind: 'submit', index: 0, at: 0 },
      { kind: 'baseline', index: 0, at: 25 },
      { kind: 'submit', index: 1, at: 50 },
      { kind: 'baseline', index: 1, at: 75 },
      { kind: 'submit', index: 2, at: 100 },
      { kind: 'baseline', index: 2, at: 125 },
    ]);
    expect(interleavedSchedule(['a', 'b', 'c'], 1, 10).map((s) => s.at)).toEqual([0, 100 / 3, 200 / 3]);
  });

  it('refuses a rate that is not positive', () => {
    expect(() => interleavedSchedule(['a'], 1, 0)).toThrow('rate must be > 0');
  });

  it('starts each slot at its scheduled time without waiting for the earlier ones to finish', async () => {
    const clock = fakeClock();
    const fired: { slot: Slot<'a' | 'b'>; scheduledAt: number; firedAt: number }[] = [];
    const release: (() => void)[] = [];
    const outcome = runSchedule(
      interleavedSchedule(['a', 'b'] as const, 2, 10),
      (slot, scheduledAt) => {
        fired.push({ slot, scheduledAt, firedAt: clock.now() });
        return new Promise<void>((resolve) => release.push(resolve));
      },
      clock,
    );
    // every action still runs, yet all four started, each on time (open loop)
    await new Promise((resolve) => setImmediate(resolve));
    expect(fired.map((f) => [f.slot.kind, f.scheduledAt, f.firedAt])).toEqual([
      ['a', 1000, 1000],
      ['b', 1050, 1050],
      ['a', 1100, 1100],
      ['b', 1150, 1150],
    ]);
    release.forEach((r) => r());
    await expect(outcome).resolves.toEqual({ skipped: [], maxStartLagMs: 0 });
  });

  it('skips and reports the slots due while the bound of actions is in flight', async () => {
    const clock = fakeClock();
    const release: (() => void)[] = [];
    const outcome = runSchedule(
      interleavedSchedule(['a'] as const, 4, 10),
      () => new Promise<void>((resolve) => release.push(resolve)),
      { ...clock, maxInFlight: 2 },
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(release).toHaveLength(2);
    release.forEach((r) => r());
    const { skipped } = await outcome;
    expect(skipped.map((s) => s.index)).toEqual([2, 3]);
  });

  it('bounds each kind on its own: a kind stuck in flight does not cost the other its slots', async () => {
    const clock = fakeClock();
    const release: (() => void)[] = [];
    const fired: string[] = [];
    const outcome = runSchedule(
      interleavedSchedule(['stuck', 'quick'] as const, 3, 10),
      async (slot) => {
        fired.push(`${slot.kind}${slot.index}`);
        if (slot.kind === 'stuck') await new Promise<void>((resolve) => release.push(resolve));
      },
      { ...clock, maxInFlight: 1 },
    );
    await new Promise((resolve) => setImmediate(resolve));
    release.forEach((r) => r());
    const { skipped } = await outcome;
    expect(fired).toEqual(['stuck0', 'quick0', 'quick1', 'quick2']);
    expect(skipped.map((s) => `${s.kind}${s.index}`)).toEqual(['stuck1', 'stuck2']);
  });

  it('reports how late the generator started a slot when the process was busy', async () => {
    const clock = fakeClock();
    const outcome = await runSchedule(
      interleavedSchedule(['a'] as const, 2, 10),
      async (slot) => {
        // the first action blocks the process 130 ms: the second, due at 100 ms, starts 30 ms late
        if (slot.index === 0) clock.advance(130);
      },
      clock,
    );
    expect(outcome.maxStartLagMs).toBe(30);
  });

  it('counts a failed action as settled, not as a failure of the run', async () => {
    const clock = fakeClock();
    const outcome = await runSchedule(
      interleavedSchedule(['a'] as const, 2, 10),
      () => Promise.reject(new Error('boom')),
      clock,
    );
    expect(outcome.skipped).toEqual([]);
  });
});
