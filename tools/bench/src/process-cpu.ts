import { readFile } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';

/** Linux counts process CPU time in ticks of 1/100 s (USER_HZ) in /proc/<pid>/stat. */
const ticksPerSecond = 100;

/** CPU seconds (user + system) a process has used since it started. */
export async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // the command name may hold spaces: the fields start after its closing parenthesis
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

/** CPU seconds each process uses per minute over a window in which nothing is asked of it. */
export async function idleCpuPerMinute(
  pids: Record<string, number>,
  windowMs: number,
): Promise<Record<string, number>> {
  const before = Object.fromEntries(
    await Promise.all(Object.entries(pids).map(async ([name, pid]) => [name, await cpuSeconds(pid)] as const)),
  );
  const started = Date.now();
  // the measured quantity is what idle processes use over a span of time
  await delay(windowMs);
  const minutes = (Date.now() - started) / 60_000;
  return Object.fromEntries(
    await Promise.all(
      Object.entries(pids).map(async ([name, pid]) => {
        const used = (await cpuSeconds(pid)) - (before[name] as number);
        return [name, Math.round((used / minutes) * 100) / 100] as const;
      }),
    ),
  );
}
