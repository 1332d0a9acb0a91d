import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { infraScript } from './local-infra';
import { freePort, killServer } from './server-process';

/**
 * A FerretDB of this test file's own (own port, own data dir), for tests that kill the database:
 * the shared one keeps serving every other test file meanwhile.
 */
export class PrivateFerretDB {
  private constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly dataDir: string,
    readonly mongoUrl: string,
  ) {}

  static async start(): Promise<PrivateFerretDB> {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'tradepilot-ferretdb-'));
    // a crash test keeps SQLite strict: every commit on disk before it is acknowledged
    const env = {
      ...process.env,
      FERRETDB_PORT: String(port),
      FERRETDB_DATA_DIR: dataDir,
      FERRETDB_SQLITE_SYNCHRONOUS: 'full',
    };
    const db = new PrivateFerretDB(env, dataDir, `mongodb://127.0.0.1:${port}/`);
    try {
      db.start();
    } catch (err) {
      await db.close();
      throw err;
    }
    return db;
  }

  /** starts (or restarts) the server on its data and waits until it answers */
  start(): void {
    infraScript(['ferretdb', 'start'], this.env);
  }

  /** SIGKILL, no shutdown of any kind: what a crash or an OOM kill does */
  async kill9(): Promise<void> {
    await killServer(this.dataDir);
  }

  async close(): Promise<void> {
    infraScript(['ferretdb', 'stop'], this.env);
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
