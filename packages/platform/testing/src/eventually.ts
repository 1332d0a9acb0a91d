import { setTimeout as delay } from 'node:timers/promises';

export interface EventuallyOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** what is awaited, for the timeout message */
  description?: string;
}

/**
 * Polls `check` until it returns a value other than undefined, null or false, and returns that
 * value. A throw counts as "not yet". Fails after `timeoutMs` with the last reason. The default
 * allows for a chain of Kafka hops on a CI machine whose two cores run the whole suite (measured
 * over 15 s at load 20); a condition that holds returns as soon as it does.
 */
export async function eventually<T>(
  check: () => T | Promise<T>,
  { timeoutMs = 30_000, intervalMs = 50, description = 'condition' }: EventuallyOptions = {},
): Promise<Exclude<T, undefined | null | false>> {
  const deadline = Date.now() + timeoutMs;
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
    if (Date.now() >= deadline) {
      throw new Error(`${description} did not hold within ${timeoutMs} ms (${lastReason})`);
    }
    await delay(intervalMs);
  }
}
