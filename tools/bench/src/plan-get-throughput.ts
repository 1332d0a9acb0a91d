#!/usr/bin/env node
/**
 * Gateway `plan.get` (tRPC → plans → indexed lean find on FerretDB) against a bare express handler
 * in its own process, measured alternately in the same run: req/s and p50/p99, and their ratios.
 *
 *   npm run build && node tools/bench/dist/plan-get-throughput.js [--seconds 10] [--connections 10] [--rounds 2]
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { freePort } from '@tradepilot/local-stack';
import { benchPassword, startBenchStack } from './bench-stack';
import { mutate, signIn } from './gateway-calls';
import { ratio } from './latency-stats';

interface Measured {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

async function load(
  url: string,
  headers: Record<string, string>,
  seconds: number,
  connections: number,
): Promise<Measured> {
  const result = await autocannon({ url, headers, duration: seconds, connections });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

/** A bare express app answering a small JSON document: the floor of any HTTP service here. */
async function startBareExpress(): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      '-e',
      `const express = require('express'); const app = express();
       app.get('/plan', (_req, res) => res.json({ result: { data: { id: 'p1', status: 'approved', version: 3 } } }));
       app.listen(${port}, '127.0.0.1', () => process.stdout.write('ready\\n'));`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise((resolve) => child.stdout?.once('data', resolve));
  return { url: `http://127.0.0.1:${port}/plan`, stop: () => child.kill() };
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

async function main() {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '10' },
      connections: { type: 'string', default: '10' },
      rounds: { type: 'string', default: '2' },
    },
  });
  const seconds = Number(values.seconds);
  const connections = Number(values.connections);
  const rounds = Number(values.rounds);

  const stack = await startBenchStack();
  const bare = await startBareExpress();
  try {
    const token = await signIn(stack.gatewayUrl, 'guangdong-province', benchPassword);
    const plan = await mutate<{ id: string }>(
      stack.gatewayUrl,
      'plan.create',
      {
        pilotAreaId: 'guangzhou',
        title: { 'zh-CN': '基准测试方案', en: 'bench plan' },
        period: { start: '2026-01-01', end: '2028-12-31' },
      },
      token,
    );
    const planGet = `${stack.gatewayUrl}/trpc/plan.get?input=${encodeURIComponent(JSON.stringify({ planId: plan.id }))}`;
    const auth = { authorization: `Bearer ${token}` };
    // warm both paths (JIT, connection pools, index caches)
    await load(bare.url, {}, 2, connections);
    await load(planGet, auth, 2, connections);

    const baseline: Measured[] = [];
    const gateway: Measured[] = [];
    for (let round = 0; round < rounds; round += 1) {
      baseline.push(await load(bare.url, {}, seconds, connections));
      gateway.push(await load(planGet, auth, seconds, connections));
    }
    const pick = (runs: Measured[]) => ({
      requestsPerSecond: median(runs.map((r) => r.requestsPerSecond)),
      p50Ms: median(runs.map((r) => r.p50Ms)),
      p99Ms: median(runs.map((r) => r.p99Ms)),
      errors: runs.reduce((n, r) => n + r.errors, 0),
    });
    const b = pick(baseline);
    const g = pick(gateway);
    const report = {
      benchmark: 'gateway plan.get vs bare express',
      seconds,
      connections,
      rounds,
      baseline: b,
      gatewayPlanGet: g,
      ratios: {
        throughput: ratio(g.requestsPerSecond, b.requestsPerSecond),
        // autocannon reports whole milliseconds: a 0 ms baseline counts as 1 ms
        p50: ratio(g.p50Ms, Math.max(b.p50Ms, 1)),
        p99: ratio(g.p99Ms, Math.max(b.p99Ms, 1)),
      },
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    bare.stop();
    await stack.close();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`${err.stack ?? err.message}\n`);
  process.exit(1);
});
