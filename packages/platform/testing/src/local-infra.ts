import { execFile, execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './repo-root';

const run = promisify(execFile);

export type InfraComponent = 'kafka' | 'ferretdb' | 'jaeger';
export const infraComponents: InfraComponent[] = ['kafka', 'ferretdb', 'jaeger'];

/** Asks each server a real question (infra/local/probe.mjs, one process); true when all answer. */
export async function isAnswering(
  components: InfraComponent | InfraComponent[],
  env: NodeJS.ProcessEnv = process.env,
) {
  try {
    await run(process.execPath, [join(repoRoot(), 'infra/local/probe.mjs'), ...[components].flat()], {
      env,
      timeout: 15_000,
    });
    return true;
  } catch {
    return false;
  }
}

/** Runs an infra/local script verb (up, down, status, or a server's start/stop). */
export function infraScript(args: string[], env: NodeJS.ProcessEnv = process.env): void {
  const root = repoRoot();
  const [first, ...rest] = args;
  const script = infraComponents.includes(first as InfraComponent)
    ? join(root, 'infra/local', first as string, `${first}.sh`)
    : join(root, 'infra/local/infra.sh');
  const scriptArgs = infraComponents.includes(first as InfraComponent) ? rest : args;
  // a cold first start builds FerretDB and Jaeger from source: allow it the time
  execFileSync(script, scriptArgs, { env, stdio: 'inherit', timeout: 30 * 60_000 });
}

/** Starts whatever of the local infrastructure is not answering; a no-op when all three are up. */
export async function ensureInfra(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (await isAnswering(infraComponents, env)) return;
  infraScript(['up'], env);
}

/** Where the local servers keep their data, logs and pids: `.infra` unless `TRADEPILOT_INFRA_DIR` (infra/local/lib.sh). */
export function localInfraDir(env: NodeJS.ProcessEnv = process.env): string {
  return env['TRADEPILOT_INFRA_DIR'] ?? join(repoRoot(), '.infra');
}

/** The local FerretDB's data folder (its SQLite files under `sqlite/`, its `server.pid`). */
export function ferretDbDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env['FERRETDB_DATA_DIR'] ?? join(localInfraDir(env), 'ferretdb');
}
