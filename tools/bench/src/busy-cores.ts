import { localInfraDir } from '@tradepilot/test-stack';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cpuSeconds } from './process-cpu';

/** /proc/stat counts in ticks of 1/100 s (USER_HZ), like /proc/<pid>/stat. */
const ticksPerSecond = 100;

/**
 * Busy ticks of all cores from /proc/stat's first line: user, nice, system, irq and softirq.
 * Idle, iowait and steal (another guest on the host) are not work of this machine.
 */
export function machineBusyTicks(procStat: string): number {
  const [label, ...fields] = (procStat.split('\n')[0] ?? '').trim().split(/\s+/);
  if (label !== 'cpu') throw new Error('not /proc/stat: its first line is not the cpu total');
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0] = fields.map(Number);
  return user + nice + system + irq + softirq;
}

/** Each server's data folder, as infra/local/lib.sh sets it: `<NAME>_DATA_DIR`, else under the infra folder. */
const dataDir = (name: 'ferretdb' | 'kafka' | 'jaeger', env = process.env) =>
  env[`${name.toUpperCase()}_DATA_DIR`] ?? join(localInfraDir(env), name);

/** The local infrastructure's processes, from the pid files `npm run infra:up` writes; those not found are left out. */
export function infrastructurePids(): Record<string, number> {
  const pids: Record<string, number> = {};
  for (const name of ['ferretdb', 'kafka', 'jaeger'] as const) {
    try {
      const pid = Number(readFileSync(join(dataDir(name), 'server.pid'), 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0) pids[name] = pid;
    } catch {
      // not started by infra:up (a private server, or none): not counted
    }
  }
  return pids;
}

export interface BusyCores {
  seconds: number;
  /** cores busy with anything, this run's processes or not (the machine is shared) */
  machine: number;
  /** cores each named process kept busy; null when it exited during the window */
  processes: Record<string, number | null>;
  /** the CPU seconds behind `processes`, unrounded (for CPU per request) */
  cpuSeconds: Record<string, number | null>;
}

export interface CpuWindow {
  stop(): Promise<BusyCores>;
}

const readCpu = async (pid: number) => cpuSeconds(pid).catch(() => null);
const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Counts the CPU of named processes and of the whole machine from now until `stop()`: where a
 * benchmark's cores went, so a figure says whether the machine was saturated and by what.
 */
export async function openCpuWindow(pids: Record<string, number>): Promise<CpuWindow> {
  const started = performance.now();
  const machineBefore = machineBusyTicks(await readFile('/proc/stat', 'utf8'));
  const before = Object.fromEntries(
    await Promise.all(Object.entries(pids).map(async ([name, pid]) => [name, await readCpu(pid)] as const)),
  );
  return {
    async stop() {
      const seconds = (performance.now() - started) / 1000;
      const machine = machineBusyTicks(await readFile('/proc/stat', 'utf8')) - machineBefore;
      const cpuSeconds = Object.fromEntries(
        await Promise.all(
          Object.entries(pids).map(async ([name, pid]) => {
            const [from, to] = [before[name], await readCpu(pid)];
            return [name, from === null || from === undefined || to === null ? null : to - from] as const;
          }),
        ),
      );
      const processes = Object.fromEntries(
        Object.entries(cpuSeconds).map(([name, s]) => [name, s === null ? null : round2(s / seconds)]),
      );
      return {
        seconds: round2(seconds),
        machine: round2(machine / ticksPerSecond / seconds),
        processes,
        cpuSeconds,
      };
    },
  };
}

/** `ferretdb 0.62, plans 0.41, …`: the busiest first, idle ones (under 0.01 core) left out. */
export function describeBusyCores(busy: BusyCores): string {
  const named = Object.entries(busy.processes)
    .filter((e): e is [string, number] => e[1] !== null && e[1] >= 0.01)
    .sort((a, b) => b[1] - a[1])
    .map(([name, cores]) => `${name} ${cores}`)
    .join(', ');
  return `${busy.machine} cores busy over ${busy.seconds} s (${named})`;
}
