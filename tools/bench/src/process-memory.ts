import { readFile } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';

/** Resident set size of a process, in bytes, as the kernel counts it (VmRSS in /proc/<pid>/status). */
export async function residentBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  if (kb === undefined) throw new Error(`process ${pid} reports no VmRSS (has it exited?)`);
  return Number(kb) * 1024;
}

export const megabytes = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;

export interface Settled {
  /** true when every process held still before `maxMs` ran out */
  settled: boolean;
  afterMs: number;
  /** each process's RSS at the end, bytes */
  rss: Record<string, number>;
}

/**
 * Waits until no process's RSS moves by more than `tolerance` (of its size) within a window of
 * `windowMs`, sampling each second, or `maxMs` at most: an idle figure read while a process is
 * still loading, connecting or collecting garbage says little.
 */
export async function settledResidentSizes(
  pids: Record<string, number>,
  { windowMs = 5000, tolerance = 0.01, maxMs = 120_000, intervalMs = 1000 } = {},
): Promise<Settled> {
  const started = Date.now();
  const history: Record<string, number[]> = Object.fromEntries(Object.keys(pids).map((n) => [n, []]));
  const kept = Math.floor(windowMs / intervalMs) + 1;
  for (;;) {
    for (const [name, pid] of Object.entries(pids)) {
      const series = history[name] as number[];
      series.push(await residentBytes(pid));
      if (series.length > kept) series.shift();
    }
    const still = Object.values(history).every(
      (series) =>
        series.length === kept &&
        Math.max(...series) - Math.min(...series) <= tolerance * Math.max(...series),
    );
    const afterMs = Date.now() - started;
    if (still || afterMs >= maxMs) {
      return {
        settled: still,
        afterMs,
        rss: Object.fromEntries(Object.entries(history).map(([n, s]) => [n, s.at(-1) as number])),
      };
    }
    await delay(intervalMs);
  }
}
