import { ferretDbDataDir } from '@tradepilot/test-stack';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { cpuSeconds } from './process-cpu';

/** The local FerretDB's process id, from the pid file `npm run infra:up` writes (undefined elsewhere). */
function ferretDbPid(): number | undefined {
  try {
    const pid = Number(readFileSync(join(ferretDbDataDir(), 'server.pid'), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * How many cores FerretDB keeps busy over `ms` while nobody calls the apps: the background work
 * (relay and timer sweeps) that every read then queues behind. null where it cannot be read.
 */
export async function ferretDbBusyCores(ms: number): Promise<number | null> {
  const pid = ferretDbPid();
  if (pid === undefined) return null;
  try {
    const before = await cpuSeconds(pid);
    await delay(ms);
    return Math.round((((await cpuSeconds(pid)) - before) / (ms / 1000)) * 100) / 100;
  } catch {
    return null;
  }
}
