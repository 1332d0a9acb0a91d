#!/usr/bin/env node
/**
 * Issue 14 §3, flat at volume: the most used reads and commands through the gateway, each against
 * its own stack seeded with 1×, 4× (and with --scales 1,4,16, 16×) three years of a round, one
 * scale after the other (--interleaved: all stacks up at once, called in alternating rounds).
 * Per operation p50/p99 at each scale, p99 at the largest scale ÷ p99 at 1×, and for reads of
 * history the slope (ms per further three years).
 *
 *   npm run build && node tools/bench/dist/volume-reads-bench.js [--scales 1,4] [--rounds 100] [--interleaved]
 *     [--app-env RELAY_POLL_MS=3600000]
 */
import { startTestStack, type TestStack } from '@tradepilot/test-stack';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { benchPassword, productionTiming } from './bench-stack';
import { ferretDbBusyCores } from './ferretdb-busy';
import { mutate, query, signIn } from './gateway-calls';
import { latencyStats, ratio, type LatencyStats } from './latency-stats';
import {
  volumeOperations,
  type Caller,
  type StateOfCommands,
  type VolumeOperation,
} from './volume-operations';
import { seedVolume, volumePerRound, type SeededVolume } from './volume-seeder';
import { captureTemplates, type VolumeTemplates } from './volume-templates';

/** The goal of issue 14 §3 for current state: p99 at 16× ≤ 2× p99 at 1×, and ≤ 50 ms for a read a person waits on. */
export const flatGoal = { maxRatio: 2, maxReadP99Ms: 50 } as const;

export interface OperationAtScale {
  scale: number;
  latency: LatencyStats;
  /** calls that failed (e.g. the gateway's 10 s forward timeout): not in the latencies */
  errors: number;
  firstError?: string;
}

export interface OperationResult {
  name: string;
  kind: VolumeOperation['kind'];
  state: VolumeOperation['state'];
  reads: string[];
  byScale: OperationAtScale[];
  /** p99 at each scale ÷ p99 at 1× (null: no sample at that scale) */
  p99Ratios: Record<string, number | null>;
  /** least-squares slope of p50 and p99 against the scale: ms per further three years */
  slopeMsPerScale: { p50: number | null; p99: number | null };
  /** current state only: the ratio at the largest scale within 2×, and a read's p99 there within 50 ms */
  met: boolean | null;
}

export interface VolumeBenchResult {
  benchmark: string;
  scales: number[];
  rounds: number;
  mode: VolumeBenchOptions['mode'];
  perRound: typeof volumePerRound;
  appEnv: Record<string, string>;
  seeded: (Omit<SeededVolume, 'targets'> & { ferretDbBusyCoresIdle: number | null })[];
  operations: OperationResult[];
}

export interface VolumeBenchOptions {
  scales: number[];
  rounds: number;
  warmup?: number;
  /**
   * `sequential` (default): one scale's stack at a time. `interleaved`: every scale's stack up at
   * once, called in alternating rounds; fair only where background work does not grow with the
   * data, which it does here (the relay and timer sweeps scan each province's collections), so
   * a larger scale's sweeps would be charged to the smaller ones.
   */
  mode: 'sequential' | 'interleaved';
  /** settings for the apps over production timing, e.g. RELAY_POLL_MS to see the relay sweep's share */
  appEnv?: Record<string, string>;
  log: (line: string) => void;
}

interface ScaleUnderTest {
  scale: number;
  stack: TestStack;
  seeded: SeededVolume & { ferretDbBusyCoresIdle: number | null };
  tokens: Record<Caller, string>;
  state: StateOfCommands;
}

const startVolumeStack = (env: Record<string, string>) =>
  startTestStack({
    apps: ['plans', 'approvals', 'supervision', 'gateway'],
    // background work (relay sweeps, timers) at a deployment's pace: it scans the seeded volume too
    env: { ...productionTiming, ...env },
    // quotas are measured by the noisy-neighbour benchmark; here they would only cut the load
    appEnv: { gateway: { RATE_LIMIT_USER_CALLS: '1000000', RATE_LIMIT_TENANT_CALLS: '1000000' } },
  });

async function call(s: ScaleUnderTest, op: VolumeOperation, i: number): Promise<number> {
  const input = op.input(s.seeded.targets, i, s.state);
  const token = s.tokens[op.caller];
  const started = performance.now();
  const result =
    op.kind === 'read'
      ? await query<unknown>(s.stack.gatewayUrl, op.name, input, token)
      : await mutate<unknown>(s.stack.gatewayUrl, op.name, input, token);
  const elapsed = performance.now() - started;
  if (op.name === 'plan.save') s.state.planVersion = (result as { version: number }).version;
  if (op.name === 'report.save') s.state.reportVersion = (result as { version: number }).version;
  return elapsed;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

const finite = (n: number): number | null => (Number.isFinite(n) ? n : null);

/** Least-squares slope of y against x (null when a point is missing). */
function slope(points: { x: number; y: number }[]): number | null {
  if (points.some((p) => !Number.isFinite(p.y))) return null;
  if (points.length < 2) return 0;
  const mx = points.reduce((s, p) => s + p.x, 0) / points.length;
  const my = points.reduce((s, p) => s + p.y, 0) / points.length;
  const num = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return round2(num / den);
}

/** Every operation at every scale in each round; returns the samples by `<operation>@<scale>`. */
async function measureInterleaved(
  units: ScaleUnderTest[],
  rounds: number,
  warmup: number,
  firstSample: number,
  samples: Map<string, Sample>,
  log: (line: string) => void,
): Promise<void> {
  for (let i = 0; i < warmup + rounds; i += 1) {
    // the order of scales alternates, so neither always runs right after the other
    const order = i % 2 === 0 ? units : [...units].reverse();
    for (const op of volumeOperations) {
      for (const s of order) {
        const sample = samples.get(sampleKey(op, s.scale)) ?? { latencies: [], errors: [] };
        samples.set(sampleKey(op, s.scale), sample);
        try {
          const elapsed = await call(s, op, firstSample + i);
          if (i >= warmup) sample.latencies.push(elapsed);
        } catch (err) {
          // the person waited and got an error: counted apart, never as a fast sample
          sample.errors.push((err as Error).message.slice(0, 200));
          if (op.name === 'plan.save') await refreshPlanVersion(s);
          if (op.name === 'report.save') await refreshReportVersion(s);
        }
      }
    }
    if ((i + 1) % 25 === 0) log(`  round ${i + 1}/${warmup + rounds}`);
  }
}

interface Sample {
  latencies: number[];
  errors: string[];
}

const sampleKey = (op: VolumeOperation, scale: number) => `${op.name}@${scale}`;

async function refreshPlanVersion(s: ScaleUnderTest): Promise<void> {
  const plan = await query<{ version: number }>(
    s.stack.gatewayUrl,
    'plan.get',
    { planId: s.seeded.targets.planId },
    s.tokens.province,
  ).catch(() => undefined);
  if (plan) s.state.planVersion = plan.version;
}

async function refreshReportVersion(s: ScaleUnderTest): Promise<void> {
  const { pilotAreaId, periodId } = s.seeded.targets.supervision;
  const report = await query<{ version: number }>(
    s.stack.gatewayUrl,
    'report.get',
    { pilotAreaId, periodId },
    s.tokens.area,
  ).catch(() => undefined);
  if (report) s.state.reportVersion = report.version;
}

async function prepare(
  scale: number,
  templates: VolumeTemplates,
  options: VolumeBenchOptions,
): Promise<ScaleUnderTest> {
  const { log } = options;
  const stack = await startVolumeStack(options.appEnv ?? {});
  try {
    log(`seeding ${scale}× into ${stack.databasePrefix}* …`);
    const seeded = await seedVolume({
      mongoUrl: stack.mongoUrl,
      databasePrefix: stack.databasePrefix,
      scale,
      templates,
      log,
    });
    const tokens = {
      province: await signIn(stack.gatewayUrl, `${seeded.targets.tenant}-officer`, benchPassword),
      area: await signIn(
        stack.gatewayUrl,
        `${seeded.targets.supervision.pilotAreaId}-officer`,
        benchPassword,
      ),
      ministry: await signIn(stack.gatewayUrl, 'mofcom-officer', benchPassword),
    };
    // the apps idle on the seeded data: what FerretDB is busy with before anyone calls
    const ferretDbBusyCoresIdle = await ferretDbBusyCores(10_000);
    log(`  ${scale}×: FerretDB busy ${ferretDbBusyCoresIdle ?? '?'} cores with the apps idle`);
    return {
      scale,
      stack,
      seeded: { ...seeded, ferretDbBusyCoresIdle },
      tokens,
      state: {
        planVersion: seeded.targets.planVersion,
        reportVersion: seeded.targets.supervision.reportVersion,
      },
    };
  } catch (err) {
    await stack.close();
    throw err;
  }
}

export async function runVolumeBench(options: VolumeBenchOptions): Promise<VolumeBenchResult> {
  const { log } = options;
  const scales = [...new Set(options.scales)].sort((a, b) => a - b);
  if (scales[0] !== 1) throw new Error('--scales must include 1 (the baseline)');
  const warmup = options.warmup ?? 5;
  const openPerScale = volumePerRound.openCases - 1;
  if (warmup + options.rounds > openPerScale)
    throw new Error(
      `warm-up + rounds (${warmup + options.rounds}) exceed the ${openPerScale} open cases case.decide can decide`,
    );

  const templates = await captureTemplates(log);
  const samples = new Map<string, Sample>();
  const seeded: VolumeBenchResult['seeded'] = [];
  const keep = ({ seeded: { targets: _targets, ...rest } }: ScaleUnderTest) => seeded.push(rest);
  log(
    `measuring ${volumeOperations.length} operations at ${scales.join('×, ')}× (${options.mode}), ${options.rounds} rounds …`,
  );
  if (options.mode === 'interleaved') {
    const units: ScaleUnderTest[] = [];
    try {
      for (const scale of scales) units.push(await prepare(scale, templates, options));
      units.forEach(keep);
      await measureInterleaved(units, options.rounds, warmup, 0, samples, log);
    } finally {
      for (const s of units) await s.stack.close();
    }
  } else {
    for (const scale of scales) {
      const unit = await prepare(scale, templates, options);
      try {
        keep(unit);
        await measureInterleaved([unit], options.rounds, warmup, 0, samples, log);
      } finally {
        await unit.stack.close();
      }
    }
  }

  const largest = scales.at(-1) as number;
  const operations = volumeOperations.map((op): OperationResult => {
    const byScale = scales.map((scale) => {
      const sample = samples.get(sampleKey(op, scale)) ?? { latencies: [], errors: [] };
      return {
        scale,
        latency: latencyStats(sample.latencies),
        errors: sample.errors.length,
        ...(sample.errors.length > 0 ? { firstError: sample.errors[0] } : {}),
      };
    });
    const base = byScale[0]?.latency as LatencyStats;
    // null where a scale has no sample (every call failed)
    const p99Ratios = Object.fromEntries(
      byScale.map((b) => [`${b.scale}x`, finite(ratio(b.latency.p99, base.p99))]),
    );
    const top = byScale.at(-1) as OperationAtScale;
    const failed = byScale.some((b) => b.errors > 0);
    const met =
      op.state === 'history'
        ? null
        : !failed &&
          (p99Ratios[`${largest}x`] ?? Infinity) <= flatGoal.maxRatio &&
          (op.kind === 'command' || top.latency.p99 <= flatGoal.maxReadP99Ms);
    return {
      name: op.name,
      kind: op.kind,
      state: op.state,
      reads: op.reads,
      byScale,
      p99Ratios,
      slopeMsPerScale: {
        p50: slope(byScale.map((b) => ({ x: b.scale, y: b.latency.p50 }))),
        p99: slope(byScale.map((b) => ({ x: b.scale, y: b.latency.p99 }))),
      },
      met,
    };
  });
  return {
    benchmark: 'issue 14 §3: reads and commands through the gateway at 1×…N× three years of a round',
    scales,
    rounds: options.rounds,
    mode: options.mode,
    appEnv: options.appEnv ?? {},
    perRound: volumePerRound,
    seeded,
    operations,
  };
}

if (require.main === module) {
  const { values } = parseArgs({
    options: {
      scales: { type: 'string', default: '1,4' },
      rounds: { type: 'string', default: '100' },
      interleaved: { type: 'boolean', default: false },
      // KEY=VALUE,… for the apps, e.g. RELAY_POLL_MS=3600000 to leave out the relay's sweep
      'app-env': { type: 'string', default: '' },
    },
  });
  runVolumeBench({
    scales: values.scales.split(',').map(Number),
    rounds: Number(values.rounds),
    mode: values.interleaved ? 'interleaved' : 'sequential',
    appEnv: Object.fromEntries(
      values['app-env']
        .split(',')
        .filter((pair) => pair.includes('='))
        .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
    ),
    log: (line) => process.stderr.write(`${line}\n`),
  }).then(
    (report) => process.stdout.write(`${JSON.stringify(report, null, 2)}\n`),
    (err: Error) => {
      process.stderr.write(`${err.stack ?? err.message}\n`);
      process.exit(1);
    },
  );
}
