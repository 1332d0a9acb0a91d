import { serviceRegistry, type ServiceName } from '@tradepilot/contracts';
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

/** The deployable apps, from the services registry (`apps/<name>`). */
export const appNames: readonly string[] = serviceRegistry.map((s) => s.name);
export type AppName = ServiceName;

export interface AppProcessOptions {
  app: AppName;
  /** the workspace root (apps/<app>/dist is started from there) */
  root: string;
  /**
   * 0: the app binds a port the OS picks and the process reports it (no race between stacks
   * starting at once); restarts reuse the port it got
   */
  port: number;
  env: Record<string, string>;
  logFile: string;
  /** extra node options, e.g. --cpu-prof to profile an app under a benchmark */
  nodeArgs?: string[];
}

/**
 * One app of this repository as a real process: compiled JS started the way production starts
 * it (instrumentation first), stopped by signal, or killed.
 */
export class AppProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<number | null> | undefined;

  private boundPort: number | undefined;

  constructor(readonly options: AppProcessOptions) {}

  /** Changes the environment of the next start (e.g. restart with a setting turned back on). */
  setEnv(overrides: Record<string, string>): void {
    this.options.env = { ...this.options.env, ...overrides };
  }

  get name(): AppName {
    return this.options.app;
  }

  get url(): string {
    const port = this.boundPort ?? this.options.port;
    if (!port) throw new Error(`${this.name} has not bound a port yet`);
    return `http://127.0.0.1:${port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /**
   * Starts the process and waits until /health/ready answers 200 (TRADEPILOT_APP_START_TIMEOUT_MS:
   * a machine shared with other builds can take longer than the default to load an app: ten
   * instrumented processes starting at once on two busy cores took over a minute each).
   */
  async start(
    readyTimeoutMs = Number(process.env['TRADEPILOT_APP_START_TIMEOUT_MS'] ?? 150_000),
  ): Promise<void> {
    if (this.running) return;
    const dist = join(this.options.root, 'apps', this.options.app, 'dist');
    if (!existsSync(join(dist, 'main.js'))) {
      throw new Error(`${dist}/main.js is missing: build the apps first (npx nx run-many -t build)`);
    }
    mkdirSync(dirname(this.options.logFile), { recursive: true });
    const log = createWriteStream(this.options.logFile, { flags: 'a' });
    const portFile = `${this.options.logFile}.port`;
    rmSync(portFile, { force: true });
    const child = spawn(
      process.execPath,
      [
        ...(this.options.nodeArgs ?? []),
        '--enable-source-maps',
        '--require',
        join(dist, 'instrumentation.js'),
        join(dist, 'main.js'),
      ],
      {
        cwd: this.options.root,
        env: {
          ...process.env,
          ...this.options.env,
          PORT: String(this.boundPort ?? this.options.port),
          PORT_FILE: portFile,
          HOST: '127.0.0.1',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    if (!this.boundPort)
      this.boundPort = this.options.port || (await this.reportedPort(portFile, readyTimeoutMs));
    await this.waitReady(readyTimeoutMs);
  }

  /** The port the service wrote to its PORT_FILE once it listened. */
  private async reportedPort(portFile: string, timeoutMs: number): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.running) throw new Error(`${this.name} exited during start; see ${this.options.logFile}`);
      const written = existsSync(portFile) ? Number(readFileSync(portFile, 'utf8')) : 0;
      if (written > 0) return written;
      if (Date.now() > deadline)
        throw new Error(`${this.name} did not report its port within ${timeoutMs} ms`);
      await delay(50);
    }
  }

  async waitReady(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = 'no answer yet';
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`${this.name} exited during start; see ${this.options.logFile}`);
      try {
        const res = await fetch(`${this.url}/health/ready`, { signal: AbortSignal.timeout(2000) });
        if (res.ok) return;
        last = `${res.status} ${await res.text()}`;
      } catch (err) {
        last = (err as Error).message;
      }
      await delay(100);
    }
    throw new Error(`${this.name} not ready within ${timeoutMs} ms (${last}); see ${this.options.logFile}`);
  }

  /** Sends `signal` and waits for the exit code (null when it had to be killed after the timeout). */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 20_000): Promise<number | null> {
    if (!this.child || !this.exited) return null;
    if (this.running) this.child.kill(signal);
    const timeout = new AbortController();
    const code = await Promise.race([
      this.exited,
      // aborted once the process has exited; the race is decided by then
      delay(timeoutMs, 'timeout' as const, { signal: timeout.signal }).catch(() => null),
    ]).finally(() => timeout.abort());
    if (code === 'timeout') {
      this.child.kill('SIGKILL');
      await this.exited;
      return null;
    }
    return code;
  }

  /** The process dies without any chance to clean up. */
  async kill(): Promise<void> {
    await this.stop('SIGKILL');
  }
}
