import { setTimeout as delay } from 'node:timers/promises';
import { infrastructurePids, openCpuWindow } from './busy-cores';

/**
 * How many cores FerretDB keeps busy over `ms` while nobody calls the apps: the background work
 * (relay and timer sweeps) that every read then queues behind. null where it cannot be read (a
 * FerretDB `npm run infra:up` did not start, or one that exited).
 */
export async function ferretDbBusyCores(ms: number): Promise<number | null> {
  const pid = infrastructurePids()['ferretdb'];
  if (pid === undefined) return null;
  const window = await openCpuWindow({ ferretdb: pid });
  // the measured quantity is what FerretDB does over a span of time with nobody calling
  await delay(ms);
  return (await window.stop()).processes['ferretdb'] ?? null;
}
