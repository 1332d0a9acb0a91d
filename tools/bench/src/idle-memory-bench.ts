#!/usr/bin/env node
/**
 * Idle memory of each service against a process that loads express, mongoose and kafkajs and
 * connects to the same FerretDB and Kafka (`idle-baseline.ts`), measured in the same run: RSS
 * once every process has held still, and the ratio service/baseline (goal ≤ 1.6×). Then the
 * same with the OpenTelemetry SDK off (OTEL_SDK_DISABLED=true): the difference is the SDK's share.
 * Then, in each round, the CPU each process uses while idle (CPU seconds a minute over
 * `--cpu-window-seconds`), beside the baseline with and without the platform's correction of
 * kafkajs' request-queue timer loop.
 *
 *   npm run build && node tools/bench/dist/idle-memory-bench.js [--explain] [--settle-max-seconds 120]
 *     [--cpu-window-seconds 60]
 *
 * --explain starts the apps with the bench's probe (`soak-probe.ts`) and prints, per app, what
 * it loaded by package and its V8 heap by space.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { startTestStack, type TestStack } from '@tradepilot/test-stack';
import type { AppName } from '@tradepilot/local-stack';
import { productionTiming } from './bench-stack';
import { ratio } from './latency-stats';
import { idleCpuPerMinute } from './process-cpu';
import { megabytes, settledResidentSizes } from './process-memory';

const services: AppName[] = ['plans', 'approvals', 'supervision', 'practices'];
const apps: AppName[] = [...services, 'gateway'];
const goal = 1.6;

async function startBaseline(stack: TestStack, kafkajsTimer: 'released' | 'corrected'): Promise<ChildProcess> {
  const file = kafkajsTimer === 'released' ? 'idle-baseline.js' : 'idle-baseline-corrected.js';
  const child = spawn(process.execPath, [join(__dirname, file)], {
    env: {
      ...process.env,
      MONGODB_URL: stack.mongoUrl,
      KAFKA_BROKERS: stack.kafkaBrokers.join(','),
      // under the stack's prefix: its close() removes the baseline's database and topic too
      BASELINE_PREFIX: kafkajsTimer === 'released' ? stack.prefix : `${stack.prefix}k`,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().startsWith('ready')) resolve();
    });
    child.once('exit', (code) =>
      reject(new Error(`the baseline process exited (${code}) before it was ready`)),
    );
  });
  return child;
}

interface Round {
  sdk: 'on' | 'off';
  settled: boolean;
  settledAfterS: number;
  baselineMb: number;
  services: Record<string, { rssMb: number; ratio: number }>;
  /** CPU seconds a minute while idle, per app and for both baselines */
  idleCpuSecondsPerMinute: Record<string, number>;
  explained?: Record<string, unknown>;
}

/** The apps' probe files: the last mark of each app (what it loaded, its heap by space). */
async function explanations(stack: TestStack, probeDir: string): Promise<Record<string, unknown>> {
  for (const app of apps) {
    const pid = stack.app(app).pid;
    if (pid) process.kill(pid, 'SIGUSR2');
  }
  const found: Record<string, unknown> = {};
  for (let attempt = 0; attempt < 100 && Object.keys(found).length < apps.length; attempt += 1) {
    await delay(100);
    for (const file of readdirSync(probeDir)) {
      const marks = readFileSync(join(probeDir, file), 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { kind: string; loaded?: unknown })
        .filter((l) => l.kind === 'mark');
      const app = file.split('-')[0] as string;
      if (marks.length > 0) found[app] = marks.at(-1)?.loaded;
    }
  }
  return found;
}

interface RoundOptions {
  settleMaxMs: number;
  cpuWindowMs: number;
  explain: boolean;
}

async function round(sdk: 'on' | 'off', options: RoundOptions): Promise<Round> {
  const probeDir = join(tmpdir(), `idle-memory-${process.pid}-${sdk}`);
  const stack = await startTestStack({
    apps,
    ...(options.explain ? { nodeArgs: ['--require', join(__dirname, 'soak-probe.js')] } : {}),
    env: {
      ...productionTiming,
      ...(sdk === 'off' ? { OTEL_SDK_DISABLED: 'true' } : {}),
      ...(options.explain ? { SOAK_PROBE_DIR: probeDir, SOAK_PROBE_INTERVAL_MS: '600000' } : {}),
    },
  });
  let baseline: ChildProcess | undefined;
  let correctedBaseline: ChildProcess | undefined;
  try {
    baseline = await startBaseline(stack, 'released');
    correctedBaseline = await startBaseline(stack, 'corrected');
    const pids: Record<string, number> = { baseline: baseline.pid as number };
    for (const app of apps) pids[app] = stack.app(app).pid as number;
    const settled = await settledResidentSizes(pids, { maxMs: options.settleMaxMs });
    const idleCpuSecondsPerMinute = await idleCpuPerMinute(
      { ...pids, 'baseline, kafkajs timer corrected': correctedBaseline.pid as number },
      options.cpuWindowMs,
    );
    const baselineBytes = settled.rss['baseline'] as number;
    const measured: Round = {
      sdk,
      settled: settled.settled,
      settledAfterS: Math.round(settled.afterMs / 1000),
      baselineMb: megabytes(baselineBytes),
      services: Object.fromEntries(
        apps.map((app) => {
          const bytes = settled.rss[app] as number;
          return [app, { rssMb: megabytes(bytes), ratio: ratio(bytes, baselineBytes) }];
        }),
      ),
      idleCpuSecondsPerMinute,
    };
    if (options.explain) measured.explained = await explanations(stack, probeDir);
    return measured;
  } finally {
    baseline?.kill('SIGTERM');
    correctedBaseline?.kill('SIGTERM');
    await stack.close();
    rmSync(probeDir, { recursive: true, force: true });
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      explain: { type: 'boolean', default: false },
      'settle-max-seconds': { type: 'string', default: '120' },
      'cpu-window-seconds': { type: 'string', default: '60' },
    },
  });
  const options = {
    settleMaxMs: Number(values['settle-max-seconds']) * 1000,
    cpuWindowMs: Number(values['cpu-window-seconds']) * 1000,
    explain: values.explain,
  };
  const on = await round('on', options);
  const off = await round('off', options);
  const report = {
    benchmark: 'idle RSS per app vs express + mongoose + kafkajs, connected (same run)',
    goal: `service/baseline ≤ ${goal}×`,
    rounds: [on, off],
    baselineIdleCpuSecondsPerMinute: {
      kafkajsAsReleased: on.idleCpuSecondsPerMinute['baseline'],
      kafkajsTimerCorrected: on.idleCpuSecondsPerMinute['baseline, kafkajs timer corrected'],
    },
    summary: Object.fromEntries(
      apps.map((app) => {
        const withSdk = on.services[app] as { rssMb: number; ratio: number };
        const without = off.services[app] as { rssMb: number; ratio: number };
        const sdkMb = Math.round((withSdk.rssMb - without.rssMb) * 10) / 10;
        return [
          app,
          {
            ratio: withSdk.ratio,
            ratioWithoutSdk: without.ratio,
            sdkMb,
            sdkShare: `${Math.round((sdkMb / withSdk.rssMb) * 100)} %`,
            goalMet: withSdk.ratio <= goal,
            idleCpuSecondsPerMinute: on.idleCpuSecondsPerMinute[app],
          },
        ];
      }),
    ),
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

main().catch((err: Error) => {
  process.stderr.write(`${err.stack ?? err.message}\n`);
  process.exit(1);
});
