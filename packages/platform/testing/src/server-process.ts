import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { eventually } from './eventually';

/** A port nobody listens on right now (for a private server of one test file). */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

// a killed server can linger as a zombie until it is reaped; that is not alive
const alive = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
};

/**
 * SIGKILL to the server an infra/local script started in `dataDir` (its pid file), no shutdown of
 * any kind: what a crash or an OOM kill does. Waits until the process is gone.
 */
export async function killServer(dataDir: string): Promise<void> {
  const pid = Number(readFileSync(join(dataDir, 'server.pid'), 'utf8').trim());
  process.kill(pid, 'SIGKILL');
  await eventually(() => !alive(pid), { description: `server ${pid} gone` });
}
