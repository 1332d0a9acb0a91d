import { setTimeout as delay } from 'node:timers/promises';

export interface EventuallyOptions {
  timeoutMs?: number;
  /** the first wait between two checks (default 50 ms) */
  intervalMs?: number;
  /** the longest wait: waits grow by half each time up to it (default 500 ms, or `intervalMs` when that is given) */
  maxIntervalMs?: number;
  /** what is awaited, for the timeout message */
  description?: string;
}

/** how much each wait grows over the one before */
const growth = 1.5;

/**
 * Polls `check` until it returns a value other than undefined, null or false, and returns that
 * value. A throw counts as "not yet". Fails after `timeoutMs` with the last reason. The default
 * allows for a chain of Kafka hops on a CI machine whose two cores run the whole suite (measured
 * over 15 s at load 20); a condition that holds returns as soon as it does.
 *
 * The waits start at 50 ms and grow to 500 ms: a check is usually a call through the gateway to a
 * service that scans a FerretDB collection, and twenty of them a second per waiting test took CPU
 * from the very work the tests waited for on a saturated two-core CI machine. A given
 * `intervalMs` without `maxIntervalMs` stays fixed.
 */
export async function eventually<T>(
  check: () => T | Promise<T>,
  { timeoutMs = 30_000, intervalMs, maxIntervalMs, description = 'condition' }: EventuallyOptions = {},
): Promise<Exclude<T, undefined | null | false>> {
  const deadline = Date.now() + timeoutMs;
  const longest = maxIntervalMs ?? intervalMs ?? 500;
  let wait = Math.min(intervalMs ?? 50, longest);
  let lastReason = 'it never held';
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== null && value !== false) {
        return value as Exclude<T, undefined | null | false>;
      }
      lastReason = `last value: ${String(value)}`;
    } catch (err) {
      lastReason = `last error: ${err instanceof Error ? err.message : String(err)}`;
    }
    const left = deadline - Date.now();
    if (left <= 0) {
      throw new Error(`${description} did not hold within ${timeoutMs} ms (${lastReason})`);
    }
    // the last check falls on the deadline, not a whole wait after it
    await delay(Math.min(wait, left));
    wait = Math.min(longest, wait * growth);
  }
}
