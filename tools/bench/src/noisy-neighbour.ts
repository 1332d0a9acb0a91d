#!/usr/bin/env node
/**
 * Noisy neighbour: one province sends 10× its quota while three others send their normal
 * load. Passes when the noisy province gets 429s and the others' p99 stays within 2× the
 * baseline measured in the same run (the others alone). Baseline and noisy phases alternate
 * for several rounds, so a change in the machine's background load hits both alike; the noisy
 * client runs in a worker thread of its own, as it would be another machine.
 *
 *   npx nx run-many -t build --projects=@tradepilot/bench,@tradepilot/gateway-app,@tradepilot/plans-app
 *   node tools/bench/dist/noisy-neighbour.js [--rounds 4] [--seconds 6] [--quota 10] [--quiet-rate 4]
 *
 * Runs against the shared Kafka/FerretDB of this machine with a stack of its own (unique
 * prefixes, removed afterwards). Exit code 1 when a criterion fails.
 */
import { startTestStack, testUserPassword, type TestStack } from '@tradepilot/test-stack';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { latencyStats } from './latency-stats';
import { loadInWorker } from './load-worker';
import { openLoopLoad, type LoadResult } from './open-loop-load';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '6' },
    rounds: { type: 'string', default: '4' },
    quota: { type: 'string', default: '10' },
    'quiet-rate': { type: 'string', default: '4' },
  },
});
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const quota = Number(values.quota);
const quietRate = Number(values['quiet-rate']);
const noisyRate = quota * 10;

const noisy = 'guangdong-province';
const quiet = ['zhejiang-province', 'jiangsu-province', 'shandong-province'];

async function signIn(stack: TestStack, username: string): Promise<string> {
  const response = await fetch(`${stack.gatewayUrl}/trpc/auth.devLogin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: testUserPassword }),
  });
  const body = (await response.json()) as { result?: { data: { accessToken: string } } };
  if (!body.result) throw new Error(`sign-in of ${username} failed: ${JSON.stringify(body)}`);
  return body.result.data.accessToken;
}

const listPlans = (stack: TestStack, token: string) => () =>
  fetch(`${stack.gatewayUrl}/trpc/plan.list?input=%7B%7D`, { headers: { authorization: `Bearer ${token}` } });

async function quietLoad(
  stack: TestStack,
  tokens: Map<string, string>,
  durationMs: number,
): Promise<LoadResult[]> {
  return Promise.all(
    quiet.map((user) =>
      openLoopLoad({
        ratePerSecond: quietRate,
        durationMs,
        request: listPlans(stack, tokens.get(user) as string),
      }),
    ),
  );
}

const merged = (results: LoadResult[]) => results.flatMap((r) => r.latencies);
const count = (results: LoadResult[], status: number) =>
  results.reduce((n, r) => n + (r.statuses.get(status) ?? 0), 0);

async function main(): Promise<number> {
  const stack = await startTestStack({
    apps: ['plans', 'gateway'],
    env: {
      LOG_LEVEL: 'warn',
      ...(process.env['BENCH_OTEL_SDK_DISABLED'] ? { OTEL_SDK_DISABLED: 'true' } : {}),
    },
    appEnv: {
      gateway: {
        RATE_LIMIT_TENANT_CALLS: String(quota),
        RATE_LIMIT_USER_CALLS: String(quota * 100),
        RATE_LIMIT_ANONYMOUS_CALLS: '1000',
        RATE_LIMIT_WINDOW_S: '1',
      },
    },
  });
  try {
    const tokens = new Map<string, string>();
    for (const user of [noisy, ...quiet]) tokens.set(user, await signIn(stack, user));
    const durationMs = seconds * 1000;

    process.stderr.write(`warm-up 3 s\n`);
    await quietLoad(stack, tokens, 3000);
    const baseline: LoadResult[] = [];
    const withNoise: LoadResult[] = [];
    const noiseRounds: LoadResult[] = [];
    const perRound: { round: number; baselineP99: number; withNoiseP99: number; noisyMaxMs: number }[] = [];
    for (let round = 1; round <= rounds; round += 1) {
      process.stderr.write(
        `round ${round}/${rounds}: baseline ${quiet.length} provinces × ${quietRate}/s for ${seconds} s\n`,
      );
      const quietAlone = await quietLoad(stack, tokens, durationMs);
      baseline.push(...quietAlone);
      process.stderr.write(
        `round ${round}/${rounds}: ${noisy} at ${noisyRate}/s (10× its quota of ${quota}/s) alongside\n`,
      );
      const [quietAnswers, noiseAnswers] = await Promise.all([
        quietLoad(stack, tokens, durationMs),
        loadInWorker({
          url: `${stack.gatewayUrl}/trpc/plan.list?input=%7B%7D`,
          token: tokens.get(noisy) as string,
          ratePerSecond: noisyRate,
          durationMs,
        }),
      ]);
      withNoise.push(...quietAnswers);
      noiseRounds.push(noiseAnswers);
      perRound.push({
        round,
        baselineP99: latencyStats(merged(quietAlone)).p99,
        withNoiseP99: latencyStats(merged(quietAnswers)).p99,
        noisyMaxMs: latencyStats(noiseAnswers.latencies).max,
      });
    }
    const noise: LoadResult = {
      latencies: noiseRounds.flatMap((r) => r.latencies),
      failures: noiseRounds.reduce((n, r) => n + r.failures, 0),
      statuses: new Map([200, 429].map((status) => [status, count(noiseRounds, status)])),
    };

    const base = latencyStats(merged(baseline));
    const during = latencyStats(merged(withNoise));
    const noisyAnswered = [...noise.statuses.values()].reduce((a, b) => a + b, 0);
    const report = {
      machine: { cores: cpus().length, loadAverage1m: Math.round(loadavg()[0] * 100) / 100 },
      quotaPerTenantPerSecond: quota,
      noisyRatePerSecond: noisyRate,
      quietRatePerSecondEach: quietRate,
      rounds,
      secondsPerPhase: seconds,
      baseline: base,
      withNoisyNeighbour: during,
      p99Ratio: Math.round((during.p99 / base.p99) * 100) / 100,
      p50Ratio: Math.round((during.p50 / base.p50) * 100) / 100,
      perRound,
      quietFailures: [...baseline, ...withNoise].reduce((n, r) => n + r.failures, 0),
      noisy: {
        sent: noisyAnswered + noise.failures,
        ok: noise.statuses.get(200) ?? 0,
        tooManyRequests: noise.statuses.get(429) ?? 0,
        share429: Math.round(((noise.statuses.get(429) ?? 0) / Math.max(1, noisyAnswered)) * 1000) / 1000,
        latency: latencyStats(noise.latencies),
      },
      quiet429: count(withNoise, 429) + count(baseline, 429),
    };
    const passed =
      report.noisy.tooManyRequests > 0 &&
      report.quiet429 === 0 &&
      report.quietFailures === 0 &&
      report.p99Ratio <= 2;
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(
      `noisy neighbour: others' p99 ${base.p99} ms → ${during.p99} ms (×${report.p99Ratio}, limit ×2); ` +
        `noisy province: ${report.noisy.tooManyRequests}/${noisyAnswered} answered 429 (${report.noisy.share429 * 100}%); ` +
        `quiet provinces 429: ${report.quiet429} — ${passed ? 'PASS' : 'FAIL'}\n`,
    );
    return passed ? 0 : 1;
  } finally {
    await stack.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(2);
  },
);
