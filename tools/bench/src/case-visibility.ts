import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { query } from './gateway-calls';

export interface Visibility {
  /** performance.now() when the first read that showed the case answered */
  at: number;
  /** reads it took, the one that showed it included */
  reads: number;
}

/**
 * When the plan's case first shows in the ministry's open-case list through the gateway
 * (`case.listOpen`, what a reviewer's screen reads), read again `intervalMs` after each answer.
 * The time is that read's answer: the case was visible somewhere within its round trip, so the
 * figure is late by up to one read's latency plus the interval.
 */
export async function caseVisibleAt(
  gatewayUrl: string,
  token: string,
  planId: string,
  { intervalMs = 5, timeoutMs = 30_000 }: { intervalMs?: number; timeoutMs?: number } = {},
): Promise<Visibility> {
  const deadline = performance.now() + timeoutMs;
  for (let reads = 1; ; reads += 1) {
    const open = await query<{ subject: { id: string } }[]>(gatewayUrl, 'case.listOpen', {}, token);
    if (open.some((c) => c.subject.id === planId)) return { at: performance.now(), reads };
    if (performance.now() > deadline)
      throw new Error(`case of plan ${planId}: not visible within ${timeoutMs} ms`);
    await delay(intervalMs);
  }
}
