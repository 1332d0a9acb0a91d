import { setTimeout as delay } from 'node:timers/promises';

/** One timed action of an open-loop run: the `index`-th of its kind, due `at` ms after the start. */
export interface Slot<K extends string> {
  kind: K;
  index: number;
  at: number;
}

/**
 * `count` actions of each kind at `ratePerSecond` each, the kinds' clocks offset by an equal
 * share of the interval: with two kinds at 20/s, a submission every 50 ms and a baseline message
 * 25 ms after each one. Both series see the same moments of the run, so a noisy neighbour or a
 * broker pause hits them alike. Sorted by time.
 */
export function interleavedSchedule<K extends string>(
  kinds: readonly K[],
  count: number,
  ratePerSecond: number,
): Slot<K>[] {
  if (!(ratePerSecond > 0)) throw new Error(`rate must be > 0 (got ${ratePerSecond})`);
  const interval = 1000 / ratePerSecond;
  const slots: Slot<K>[] = [];
  for (let index = 0; index < count; index += 1)
    for (const [k, kind] of kinds.entries())
      slots.push({ kind, index, at: index * interval + (k * interval) / kinds.length });
  return slots;
}

export interface ScheduleOutcome<K extends string> {
  /** slots not started because `maxInFlight` actions were still running at their time */
  skipped: Slot<K>[];
  /** how late the latest start was against its schedule, ms (the generator's own lag) */
  maxStartLagMs: number;
}

/**
 * Starts each slot at its time whatever the earlier ones take (open loop: a slow system cannot
 * slow the generator down and hide its own latency). `fire` gets the slot's scheduled time on
 * the `now` clock, the latency origin. At most `maxInFlight` actions of a kind run at once; a
 * slot due while that many of its kind run is skipped and reported, so an overloaded system
 * cannot make the generator run away, and one kind stuck does not starve the other of its
 * slots. Resolves when every started action has settled.
 */
export async function runSchedule<K extends string>(
  slots: Slot<K>[],
  fire: (slot: Slot<K>, scheduledAt: number) => Promise<unknown>,
  {
    maxInFlight = 100,
    now = () => performance.now(),
    sleep = (ms: number) => delay(ms),
  }: { maxInFlight?: number; now?: () => number; sleep?: (ms: number) => Promise<unknown> } = {},
): Promise<ScheduleOutcome<K>> {
  const started = now();
  const inFlight = new Map<K, Set<Promise<unknown>>>();
  const skipped: Slot<K>[] = [];
  let maxStartLagMs = 0;
  for (const slot of slots) {
    const scheduledAt = started + slot.at;
    const wait = scheduledAt - now();
    if (wait > 0) await sleep(wait);
    const running = inFlight.get(slot.kind) ?? new Set<Promise<unknown>>();
    inFlight.set(slot.kind, running);
    if (running.size >= maxInFlight) {
      skipped.push(slot);
      continue;
    }
    maxStartLagMs = Math.max(maxStartLagMs, now() - scheduledAt);
    // a failure is the action's to record: here it only ends its turn in flight
    const action = fire(slot, scheduledAt).catch(() => undefined);
    running.add(action);
    void action.finally(() => running.delete(action));
  }
  await Promise.all([...inFlight.values()].flatMap((running) => [...running]));
  return { skipped, maxStartLagMs };
}
