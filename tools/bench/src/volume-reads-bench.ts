#!/usr/bin/env node
/**
 * Issue 14 §3, flat at volume: the most used reads and commands through the gateway, each against
 * its own stack seeded with 1×, 4× (and with --scales 1,4,16, 16×) three years of a round, all
 * stacks up at once and called in interleaved rounds so every scale sees the same machine load.
 * Per operation p50/p99 at each scale, p99 at the largest scale ÷ p99 at 1×, and for reads of
 * history the slope (ms per further three years).
 *
 *   npm run build && node tools/bench/dist/volume-reads-bench.js [--scales 1,4] [--rounds 100]
 */
import { startTestStack, type TestStack } from '@tradepilot/test-stack';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { benchPassword, productionTiming } from './bench-stack';
import { mutate, query, signIn } from './gateway-calls';
import { latencyStats, ratio, type LatencyStats } from './latency-stats';
import { volumeOperations, type Caller, type StateOfCommands, type VolumeOperation } from './volume-operations';
import { seedVolume, volumePerRound, type SeededVolume } from './volume-seeder';
import { captureTemplates } from './volume-templates';

/** The goal of issue 14 §3 for current state: p99 at 16× ≤ 2× p99 at 1×, and ≤ 50 ms for a read a person waits on. */
export const flatGoal = { maxRatio: 2, maxReadP99Ms: 50 } as const;

export interface OperationAtScale {
  scale: number;
  latency: LatencyStats;
}

export interface OperationResult {
  name: string;
  kind: VolumeOperation['kind'];
  state: VolumeOperation['state'];
  reads: string[];
  byScale: OperationAtScale[];
  /** p99 at each scale ÷ p99 at 1× */
  p99Ratios: Record<string, number>;
  /** least-squares slope of p50 and p99 against the scale: ms per further three years */
  slopeMsPerScale: { p50: number; p99: number };
  /** current state only: the ratio at the largest scale within 2×, and a read's p99 there within 50 ms */
  met: boolean | null;
}

export interface VolumeBenchResult {
  benchmark: string;
  scales: number[];
  rounds: number;
  perRound: typeof volumePerRound;
  seeded: Omit<SeededVolume, 'targets'>[];
  operations: OperationResult[];
}

export interface VolumeBenchOptions {
  scales: number[];
  rounds: number;
  warmup?: number;
  log: (line: string) => void;
}

interface ScaleUnderTest {
  scale: number;
  stack: TestStack;
  seeded: SeededVolume;
  tokens: Record<Caller, string>;
  state: StateOfCommands;
}

const startVolumeStack = () =>
  startTestStack({
    apps: ['plans', 'approvals', 'gateway'],
    // background work (relay sweeps, timers) at a deployment's pace: it scans the seeded volume too
    env: productionTiming,
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
  return elapsed;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Least-squares slope of y against x. */
function slope(points: { x: number; y: number }[]): number {
  if (points.length < 2) return 0;
  const mx = points.reduce((s, p) => s + p.x, 0) / points.length;
  const my = points.reduce((s, p) => s + p.y, 0) / points.length;
  const num = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return round2(num / den);
}

export async function runVolumeBench(options: VolumeBenchOptions): Promise<VolumeBenchResult> {
  const { log } = options;
  const scales = [...new Set(options.scales)].sort((a, b) => a - b);
  if (scales[0] !== 1) throw new Error('--scales must include 1 (the baseline)');
  const warmup = options.warmup ?? 5;
  const needed = warmup + options.rounds;
  const openPerScale = volumePerRound.openCases - 1;
  if (needed > openPerScale)
    throw new Error(`warm-up + rounds (${needed}) exceed the ${openPerScale} open cases case.decide can decide`);

  const templates = await captureTemplates(log);
  const underTest: ScaleUnderTest[] = [];
  try {
    for (const scale of scales) {
      const stack = await startVolumeStack();
      const placeholder = { scale, stack } as ScaleUnderTest;
      underTest.push(placeholder);
      log(`seeding ${scale}× into ${stack.databasePrefix}* …`);
      placeholder.seeded = await seedVolume({
        mongoUrl: stack.mongoUrl,
        databasePrefix: stack.databasePrefix,
        scale,
        templates,
        log,
      });
      placeholder.state = { planVersion: placeholder.seeded.targets.planVersion };
    }
    for (const s of underTest) {
      s.tokens = {
        province: await signIn(s.stack.gatewayUrl, `${s.seeded.targets.tenant}-officer`, benchPassword),
        ministry: await signIn(s.stack.gatewayUrl, 'mofcom-officer', benchPassword),
      };
    }
    const samples = new Map<string, number[]>();
    const key = (op: VolumeOperation, scale: number) => `${op.name}@${scale}`;
    log(`measuring ${volumeOperations.length} operations × ${scales.length} scales, ${options.rounds} rounds …`);
    for (let i = 0; i < needed; i += 1) {
      // interleaved: every operation at every scale in each round, the order of scales alternating
      const order = i % 2 === 0 ? underTest : [...underTest].reverse();
      for (const op of volumeOperations) {
        for (const s of order) {
          const elapsed = await call(s, op, i);
          if (i < warmup) continue;
          const list = samples.get(key(op, s.scale)) ?? [];
          list.push(elapsed);
          samples.set(key(op, s.scale), list);
        }
      }
      if ((i + 1) % 25 === 0) log(`  round ${i + 1}/${needed}`);
    }
    const largest = scales.at(-1) as number;
    const operations = volumeOperations.map((op): OperationResult => {
      const byScale = scales.map((scale) => ({ scale, latency: latencyStats(samples.get(key(op, scale)) ?? []) }));
      const base = byScale[0]?.latency as LatencyStats;
      const p99Ratios = Object.fromEntries(byScale.map((b) => [`${b.scale}x`, ratio(b.latency.p99, base.p99)]));
      const top = byScale.at(-1)?.latency as LatencyStats;
      const met =
        op.state === 'history'
          ? null
          : (p99Ratios[`${largest}x`] as number) <= flatGoal.maxRatio &&
            (op.kind === 'command' || top.p99 <= flatGoal.maxReadP99Ms);
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
      perRound: volumePerRound,
      seeded: underTest.map(({ seeded: { targets: _targets, ...rest } }) => rest),
      operations,
    };
  } finally {
    for (const s of underTest) await s.stack.close();
  }
}

if (require.main === module) {
  const { values } = parseArgs({
    options: {
      scales: { type: 'string', default: '1,4' },
      rounds: { type: 'string', default: '100' },
    },
  });
  runVolumeBench({
    scales: values.scales.split(',').map(Number),
    rounds: Number(values.rounds),
    log: (line) => process.stderr.write(`${line}\n`),
  }).then(
    (report) => process.stdout.write(`${JSON.stringify(report, null, 2)}\n`),
    (err: Error) => {
      process.stderr.write(`${err.stack ?? err.message}\n`);
      process.exit(1);
    },
  );
}
