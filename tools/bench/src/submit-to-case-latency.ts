#!/usr/bin/env node
/**
 * Command → consumer effect (issue 14 §2): from `plan.submit` at the gateway until
 * `approval.case_opened.v1` arrives on Kafka (the approvals service opened the case and announced
 * it), a fresh signed plan per sample (written before the timed phase, see plan-copies.ts), sent open loop at a fixed rate whatever the answers take. The
 * baseline is a raw two-hop Kafka round trip (produce → consume → produce → consume) at the same
 * rate, interleaved in time with the submissions on the same broker in the same run.
 *
 * Also: when the case first shows in the ministry's open-case list (`case.listOpen` through the
 * gateway) for every `--visibility-every`-th sample, and the split of each sample's path into its
 * stretches from its trace in Jaeger.
 *
 *   npm run build && node tools/bench/dist/submit-to-case-latency.js [--samples 200] [--rate 20]
 *     [--max-in-flight 100] [--visibility-every 10 (0: none)] [--visibility-poll-ms 5] [--outline]
 *     [--cpu-prof <dir>: the apps profiled, each profile summarised over the timed phase]
 *
 * Always reported: the cores each app, FerretDB, Kafka and this process (load and baseline) kept
 * busy during the timed phase, and the machine's total: whether the rate saturated the machine.
 */
import { topics } from '@tradepilot/contracts';
import { TopicNames } from '@tradepilot/messaging';
import { performance } from 'node:perf_hooks';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchPassword, startBenchStack } from './bench-stack';
import { infrastructurePids, openCpuWindow, type BusyCores } from './busy-cores';
import { profileWindow, summariseProfile, type CpuProfile, type ProfileSummary } from './cpu-profile';
import { caseVisibleAt } from './case-visibility';
import { eventPathSplit, type EventPathSample, type Segment } from './event-path-split';
import { mutate, signIn } from './gateway-calls';
import { interleavedSchedule, runSchedule } from './interleaved-schedule';
import { signedPlansByProvince, type SubmittablePlan } from './signed-plans-by-province';
import { latencyStats, ratio, type LatencyStats } from './latency-stats';
import { watchTopic } from './topic-arrivals';
import { traceOutline, traceSpans } from './trace-spans';
import { startTwoHopRoundTrip } from './two-hop-round-trip';

/** issue 14 §2 */
export const submitGoals = { p50: 25, p99: 100 } as const;

const epoch = (at: number) => performance.timeOrigin + at;

export interface SubmitToCaseResult {
  benchmark: string;
  settings: {
    samples: number;
    ratePerSecond: number;
    maxInFlight: number;
    /** every n-th sample also polls for the case's visibility */
    visibilityEvery: number;
    visibilityPollMs: number;
  };
  /** raw two-hop Kafka round trip, interleaved with the samples */
  baseline: LatencyStats;
  submitToCaseOpened: LatencyStats;
  ratios: { p50: number; p99: number };
  /** met only when no sample was skipped or lost and the figure is within the limit */
  goals: { p50Ms: number; p99Ms: number; met: { p50: boolean; p99: boolean } };
  /** the case in `case.listOpen`, from the scheduled start, for the polled subset */
  caseVisible: { stats: LatencyStats; readsP50: number } | null;
  load: {
    /** not started: the bound of actions of its kind in flight was reached */
    skipped: { submit: number; baseline: number };
    failed: { submit: number; baseline: number; visibility: number; firstError: string | null };
    maxStartLagMs: number;
    preparationSeconds: number;
    timedSeconds: number;
  };
  /** where the time goes, from each sample's trace in Jaeger */
  split: { traced: number; segments: Record<Segment, LatencyStats> };
  /** who kept the cores busy during the timed phase: the apps, the infrastructure, the load generator */
  busyCores: BusyCores;
  /** with `cpuProfileDir`: each app's `--cpu-prof`, cut to the timed phase */
  profiles?: { app: string; file: string; summary: ProfileSummary }[];
}

const benchApps = ['plans', 'approvals', 'gateway'] as const;
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

/** The apps' `--cpu-prof` files (named `CPU.<date>.<time>.<pid>.…`), each cut to the timed phase. */
function appProfiles(
  dir: string,
  pids: Record<string, number>,
  [fromUs, toUs]: [number, number],
): { app: string; file: string; summary: ProfileSummary }[] {
  const appOf = new Map(Object.entries(pids).map(([app, pid]) => [String(pid), app]));
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .flatMap((f) => {
      const app = appOf.get(f.split('.')[3] ?? '');
      if (!app) return [];
      const profile = JSON.parse(readFileSync(join(dir, f), 'utf8')) as CpuProfile;
      return [
        { app, file: join(dir, f), summary: summariseProfile(profileWindow(profile, fromUs, toUs), 8) },
      ];
    });
}

export async function runSubmitToCaseLatency({
  samples,
  ratePerSecond = 20,
  maxInFlight = 100,
  visibilityEvery = 10,
  visibilityPollMs = 5,
  outline = false,
  cpuProfileDir,
  log = () => undefined,
}: {
  samples: number;
  ratePerSecond?: number;
  maxInFlight?: number;
  /** 0: no visibility polls */
  visibilityEvery?: number;
  visibilityPollMs?: number;
  /** print the last sample's trace to stderr */
  outline?: boolean;
  /** run the apps with `--cpu-prof` into this folder (emptied first) and summarise the timed phase */
  cpuProfileDir?: string | undefined;
  log?: (line: string) => void;
}): Promise<SubmitToCaseResult> {
  if (cpuProfileDir) {
    rmSync(cpuProfileDir, { recursive: true, force: true });
    mkdirSync(cpuProfileDir, { recursive: true });
  }
  const stack = await startBenchStack(cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : []);
  const appPids = Object.fromEntries(benchApps.map((app) => [app, stack.app(app).pid as number]));
  let timedUs: [number, number] = [0, 0];
  let report: SubmitToCaseResult;
  try {
    const ministry = await signIn(stack.gatewayUrl, 'mofcom-officer', benchPassword);

    // untimed: a fresh signed plan per sample, spread over the provinces (copies of one plan each
    // province drafted and signed through the gateway)
    const preparing = performance.now();
    const plans = await signedPlansByProvince(stack, samples);
    const preparationSeconds = (performance.now() - preparing) / 1000;
    log(`${samples} signed plans in ${preparationSeconds.toFixed(1)} s`);

    const caseEvents = await watchTopic(new TopicNames(stack.topicPrefix).physical(topics.approvalCase));
    const twoHop = await startTwoHopRoundTrip();
    const latencies: number[] = [];
    const baseline: number[] = [];
    const visible: { ms: number; reads: number }[] = [];
    const traced: EventPathSample[] = [];
    const failed = { submit: 0, baseline: 0, visibility: 0, firstError: null as string | null };
    const fail = (kind: 'submit' | 'baseline' | 'visibility', err: unknown) => {
      failed[kind] += 1;
      failed.firstError ??= `${kind}: ${(err as Error).message ?? String(err)}`;
    };
    const cores = await openCpuWindow({ ...appPids, ...infrastructurePids(), 'load generator': process.pid });
    const timedFromUs = monotonicUs();
    const timed = performance.now();
    const outcome = await runSchedule(
      interleavedSchedule(['submit', 'baseline'] as const, samples, ratePerSecond),
      async ({ kind, index }, scheduledAt) => {
        if (kind === 'baseline') {
          try {
            baseline.push((await twoHop.send(`hop-${index}-${scheduledAt}`)) - scheduledAt);
          } catch (err) {
            fail(kind, err);
          }
          return;
        }
        const plan = plans[index] as SubmittablePlan;
        const opened = caseEvents.next(['approval.case_opened.v1', `"${plan.id}"`]);
        // awaited below unless the submit fails first: a later timeout must not go unhandled
        opened.catch(() => undefined);
        const seen =
          visibilityEvery > 0 && index % visibilityEvery === 0
            ? caseVisibleAt(stack.gatewayUrl, ministry, plan.id, {
                intervalMs: visibilityPollMs,
                since: scheduledAt,
              }).catch((err: unknown) => void fail('visibility', err))
            : undefined;
        try {
          await mutate(
            stack.gatewayUrl,
            'plan.submit',
            { planId: plan.id, version: plan.version },
            plan.submitterToken,
          );
          const arrival = await opened;
          latencies.push(arrival.at - scheduledAt);
          if (arrival.traceId)
            traced.push({
              traceId: arrival.traceId,
              startedAt: epoch(scheduledAt),
              arrivedAt: epoch(arrival.at),
            });
        } catch (err) {
          fail(kind, err);
        }
        const visibility = await seen;
        if (visibility) visible.push({ ms: visibility.at - scheduledAt, reads: visibility.reads });
      },
      { maxInFlight },
    );
    const timedSeconds = (performance.now() - timed) / 1000;
    timedUs = [timedFromUs, monotonicUs()];
    const busyCores = await cores.stop();
    log(`timed phase: ${timedSeconds.toFixed(1)} s`);
    await twoHop.close();
    await caseEvents.stop();

    const split = await eventPathSplit(traced);
    const last = traced.at(-1);
    if (outline && last) process.stderr.write(`${traceOutline(await traceSpans(last.traceId))}\n`);
    const effect = latencyStats(latencies);
    const base = latencyStats(baseline);
    const lost = samples - latencies.length;
    const reads = visible.map((v) => v.reads).sort((a, b) => a - b);
    report = {
      benchmark: `plan.submit → approval.case_opened.v1, open loop at ${ratePerSecond}/s, vs a raw two-hop Kafka round trip (produce → consume → produce → consume) interleaved`,
      settings: { samples, ratePerSecond, maxInFlight, visibilityEvery, visibilityPollMs },
      baseline: base,
      submitToCaseOpened: effect,
      ratios: { p50: ratio(effect.p50, base.p50), p99: ratio(effect.p99, base.p99) },
      goals: {
        p50Ms: submitGoals.p50,
        p99Ms: submitGoals.p99,
        // a sample skipped or lost took longer than any limit: the figures are of the answered only
        met: {
          p50: lost === 0 && effect.p50 <= submitGoals.p50,
          p99: lost === 0 && effect.p99 <= submitGoals.p99,
        },
      },
      caseVisible:
        visible.length > 0
          ? {
              stats: latencyStats(visible.map((v) => v.ms)),
              readsP50: reads[Math.ceil(reads.length / 2) - 1] as number,
            }
          : null,
      load: {
        skipped: {
          submit: outcome.skipped.filter((s) => s.kind === 'submit').length,
          baseline: outcome.skipped.filter((s) => s.kind === 'baseline').length,
        },
        failed,
        maxStartLagMs: Math.round(outcome.maxStartLagMs * 100) / 100,
        preparationSeconds: Math.round(preparationSeconds * 10) / 10,
        timedSeconds: Math.round(timedSeconds * 10) / 10,
      },
      split,
      busyCores,
    };
  } finally {
    // the apps write their profiles as they exit
    await stack.close();
  }
  return cpuProfileDir ? { ...report, profiles: appProfiles(cpuProfileDir, appPids, timedUs) } : report;
}

if (require.main === module) {
  const { values } = parseArgs({
    options: {
      samples: { type: 'string', default: '200' },
      rate: { type: 'string', default: '20' },
      'max-in-flight': { type: 'string', default: '100' },
      'visibility-every': { type: 'string', default: '10' },
      'visibility-poll-ms': { type: 'string', default: '5' },
      outline: { type: 'boolean', default: false },
      'cpu-prof': { type: 'string' },
    },
  });
  runSubmitToCaseLatency({
    samples: Number(values.samples),
    ratePerSecond: Number(values.rate),
    maxInFlight: Number(values['max-in-flight']),
    visibilityEvery: Number(values['visibility-every']),
    visibilityPollMs: Number(values['visibility-poll-ms']),
    outline: values.outline,
    cpuProfileDir: values['cpu-prof'],
    log: (line) => process.stderr.write(`${line}\n`),
  }).then(
    (report) => process.stdout.write(`${JSON.stringify(report, null, 2)}\n`),
    (err: Error) => {
      process.stderr.write(`${err.stack ?? err.message}\n`);
      process.exit(1);
    },
  );
}
