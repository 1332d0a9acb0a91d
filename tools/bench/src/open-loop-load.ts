import { setTimeout as delay } from 'node:timers/promises';

export interface LoadResult {
  /** latency of each answered request, ms, from its scheduled start */
  latencies: number[];
  statuses: Map<number, number>;
  failures: number;
}

/**
 * Sends requests at a fixed rate whatever the answers take (open loop: a slow server cannot
 * slow the client down and hide its own latency), for a bounded time, with a bound on the
 * requests in flight so an overloaded server cannot make the generator run away.
 */
export async function openLoopLoad(options: {
  ratePerSecond: number;
  durationMs: number;
  maxInFlight?: number;
  request: () => Promise<Response>;
}): Promise<LoadResult> {
  const result: LoadResult = { latencies: [], statuses: new Map(), failures: 0 };
  const interval = 1000 / options.ratePerSecond;
  const total = Math.floor((options.durationMs / 1000) * options.ratePerSecond);
  const maxInFlight = options.maxInFlight ?? 200;
  const started = performance.now();
  const inFlight = new Set<Promise<void>>();
  for (let i = 0; i < total; i += 1) {
    const scheduled = started + i * interval;
    const wait = scheduled - performance.now();
    if (wait > 0) await delay(wait);
    if (inFlight.size >= maxInFlight) {
      result.failures += 1;
      continue;
    }
    const sent = (async () => {
      try {
        const response = await options.request();
        await response.arrayBuffer();
        result.latencies.push(performance.now() - scheduled);
        result.statuses.set(response.status, (result.statuses.get(response.status) ?? 0) + 1);
      } catch {
        result.failures += 1;
      }
    })();
    inFlight.add(sent);
    void sent.finally(() => inFlight.delete(sent));
  }
  await Promise.all(inFlight);
  return result;
}
