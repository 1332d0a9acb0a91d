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
 * (`case.listOpen`, what a reviewer's screen reads). The next read waits `intervalMs`, or a
 * `lateShare` of the time since `since` when that is longer: reading back to back for seconds
 * loaded the machine more than the submissions measured (ten such readers at 20 submissions/s
 * kept the gateway and approvals busy with their lists). The time is that read's answer, so the
 * figure is late by up to one read's latency plus the wait: at most `lateShare` of the figure
 * once past `intervalMs / lateShare`.
 */
export async function caseVisibleAt(
  gatewayUrl: string,
  token: string,
  planId: string,
  {
    intervalMs = 5,
    lateShare = 0.1,
    since = performance.now(),
    timeoutMs = 30_000,
  }: { intervalMs?: number; lateShare?: number; since?: number; timeoutMs?: number } = {},
): Promise<Visibility> {
  const deadline = performance.now() + timeoutMs;
  for (let reads = 1; ; reads += 1) {
    const open = await query<{ subject: { id: string } }[]>(gatewayUrl, 'case.listOpen', {}, token);
    if (open.some((c) => c.subject.id === planId)) return { at: performance.now(), reads };
    if (performance.now() > deadline)
      throw new Error(`case of plan ${planId}: not visible within ${timeoutMs} ms`);
    await delay(Math.max(intervalMs, (performance.now() - since) * lateShare));
  }
}
