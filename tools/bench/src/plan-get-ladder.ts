#!/usr/bin/env node
/**
 * `plan.get` as a ladder of six rungs, measured interleaved in one run so each rung says what the
 * layer it adds costs: (1) bare express; (2) express doing the same driver call on the same
 * FerretDB; (3) the plans service called directly with an internal token; (4) the gateway in front
 * of a stub service; (5) the full path with tracing off; (6) the full path traced. Per rung: req/s
 * at saturation (closed loop), then p50/p99 at an open-loop rate of half the measured maximum.
 *
 *   npx nx run-many -t build --projects=@tradepilot/bench,@tradepilot/gateway-app,@tradepilot/plans-app
 *   node tools/bench/dist/plan-get-ladder.js [--seconds 5] [--rounds 2] [--connections 8]
 */
import { createInternalTokenSigner, type Principal } from '@tradepilot/auth';
import { freePort, startLocalStack, type LocalStack } from '@tradepilot/local-stack';
import {
  infraConnection,
  localInfraDir,
  repoRoot,
  startTestStack,
  testUserPassword,
} from '@tradepilot/test-stack';
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { productionTiming } from './bench-stack';
import { infrastructurePids, openCpuWindow } from './busy-cores';
import { mutate, signIn } from './gateway-calls';
import { latencyStats, ratio } from './latency-stats';
import { loadInWorker } from './load-worker';

export interface LadderOptions {
  /** seconds of each saturation and each latency round per rung */
  seconds: number;
  rounds: number;
  /** autocannon's connections at saturation */
  connections: number;
}

/** One of the goals: a ratio of two rungs, and whether it is on the right side of its limit. */
export interface LadderGoal {
  goal: string;
  ratio: number;
  limit: number;
  /** `min`: the ratio must reach the limit; `max`: it must stay at or below it */
  kind: 'min' | 'max';
  met: boolean;
  /** the two rungs of the ratio, upper first */
  compares: [string, string];
}

export interface LadderResult {
  machine: { cores: number; loadAverage1m: number };
  seconds: number;
  rounds: number;
  connections: number;
  /** the open-loop rate every rung's latency was measured at */
  ratePerSecond: number;
  rows: Record<string, string | number>[];
  /** per rung at saturation: CPU per request of the servers, FerretDB and the load generator, and the machine's busy cores */
  cpu: RungCpu[];
  goals: LadderGoal[];
  met: boolean;
}

interface Rung {
  name: string;
  url: string;
  headers: Record<string, string>;
}

interface Saturation {
  requestsPerSecond: number;
  requests: number;
  errors: number;
  /** CPU seconds each process used during the round */
  cpu: Record<string, number | null>;
  machineCores: number;
}

export interface RungCpu {
  rung: string;
  /** every process of the ladder but the infrastructure and the load generator: the rung's servers, and the others idling (~0.01 ms each) */
  serversMsPerRequest: number;
  ferretDbMsPerRequest: number;
  loadGeneratorMsPerRequest: number;
  /** cores the machine kept busy while the rung was saturated (2 = both, whoever used them) */
  machineCores: number;
  /** each process's CPU per request (those above 0.01 ms), busiest first */
  byProcess: Record<string, number>;
}

/** the processes counted apart from the servers */
const infrastructure = new Set(['ferretdb', 'kafka', 'jaeger', 'load generator']);

/** A child process running `script` (CommonJS, repository's node_modules), ready when it prints. */
async function startChild(
  script: string,
  env: Record<string, string>,
): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-e', script], {
    cwd: repoRoot(),
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    child.stdout?.once('data', resolve);
    child.once('exit', (code) => reject(new Error(`bench child exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

const bareExpress = `
  const express = require('express'); const app = express(); const body = JSON.parse(process.env.BODY);
  app.get('/plan', (_req, res) => res.json(body));
  app.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('ready\\n'));`;

const expressWithDriver = `
  const express = require('express'); const mongoose = require('mongoose');
  const plans = mongoose.connection.useDb(process.env.DATABASE).model('Plan',
    new mongoose.Schema({ _id: String }, { strict: false, collection: 'plans' }));
  mongoose.connect(process.env.MONGO_URL, { directConnection: true }).then(() => {
    const app = express();
    app.get('/plan', async (_req, res) => res.json({ result: { data: await plans.findById(process.env.PLAN_ID).lean() } }));
    app.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('ready\\n'));
  });`;

/** Stands in for the plans service: answers any tRPC call with a fixed answer, and is always ready. */
const stubService = `
  const express = require('express'); const app = express(); const answer = process.env.ANSWER;
  app.get('/health/:probe', (_req, res) => res.json({ status: 'ok' }));
  app.use('/trpc', (_req, res) => res.type('application/json').send(answer));
  app.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('ready\\n'));`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function saturate(
  rung: Rung,
  duration: number,
  connections: number,
  pids: Record<string, number> = {},
): Promise<Saturation> {
  const window = await openCpuWindow(pids);
  const result = await autocannon({ url: rung.url, headers: rung.headers, duration, connections });
  const busy = await window.stop();
  return {
    requestsPerSecond: Math.round(result.requests.average),
    requests: result.requests.total,
    errors: result.errors + result.non2xx,
    cpu: busy.cpuSeconds,
    machineCores: busy.machine,
  };
}

/** CPU per request over a rung's saturation rounds, by who spent it. */
function rungCpu(rung: string, rounds: Saturation[]): RungCpu {
  const requests = Math.max(
    1,
    rounds.reduce((n, r) => n + r.requests, 0),
  );
  const msPerRequest = (include: (name: string) => boolean) =>
    Math.round(
      (rounds.reduce(
        (sum, r) =>
          sum + Object.entries(r.cpu).reduce((s, [name, cpu]) => s + (include(name) && cpu ? cpu : 0), 0),
        0,
      ) *
        1000 *
        1000) /
        requests,
    ) / 1000;
  const names = [...new Set(rounds.flatMap((r) => Object.keys(r.cpu)))];
  const byProcess = names
    .map((name) => [name, msPerRequest((n) => n === name)] as const)
    .filter(([, ms]) => ms >= 0.01)
    .sort((a, b) => b[1] - a[1]);
  return {
    rung,
    byProcess: Object.fromEntries(byProcess),
    serversMsPerRequest: msPerRequest((name) => !infrastructure.has(name)),
    ferretDbMsPerRequest: msPerRequest((name) => name === 'ferretdb'),
    loadGeneratorMsPerRequest: msPerRequest((name) => name === 'load generator'),
    machineCores: median(rounds.map((r) => r.machineCores)),
  };
}

/** The principal the gateway puts in its internal token for this access token's user. */
function principalOf(accessToken: string): Principal {
  const claims = JSON.parse(Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString()) as {
    sub: string;
    tenant: string | null;
    roles: Principal['roles'];
    org?: string | null;
  };
  return {
    userId: claims.sub,
    tenant: claims.tenant,
    roles: claims.roles,
    organisationId: claims.org ?? null,
  };
}

/** Another gateway (and plans, unless `appEnv` points it elsewhere) on the same databases and keys. */
function startBeside(
  prefix: string,
  keys: LocalStack['keys'],
  apps: ('plans' | 'gateway')[],
  name: string,
  env: Record<string, string>,
  gatewayEnv: Record<string, string> = {},
): Promise<LocalStack> {
  const infra = infraConnection();
  const root = repoRoot();
  return startLocalStack({
    root,
    apps,
    kafkaBrokers: infra.kafkaBrokers,
    mongoUrl: infra.mongoUrl,
    otlpEndpoint: infra.otlpTracesUrl.replace(/\/v1\/traces$/, ''),
    prefix,
    keys,
    logDir: join(localInfraDir(), 'test-logs', name),
    env: {
      LOG_LEVEL: 'warn',
      DEV_LOGIN_ENABLED: 'true',
      DEV_USERS_PASSWORD: testUserPassword,
      PASSWORD_HASH_COST: '12',
      ...productionTiming,
      ...env,
    },
    appEnv: { gateway: { ...unlimited, ...gatewayEnv } },
  });
}

// quotas are the noisy-neighbour benchmark's subject; here they would only cut the load
const unlimited = { RATE_LIMIT_USER_CALLS: '100000000', RATE_LIMIT_TENANT_CALLS: '100000000' };
const untraced = { OTEL_SDK_DISABLED: 'true' };

export async function runPlanGetLadder({
  seconds,
  rounds,
  connections,
}: LadderOptions): Promise<LadderResult> {
  const traced = await startTestStack({
    apps: ['plans', 'gateway'],
    env: productionTiming,
    appEnv: { gateway: unlimited },
  });
  const children: ChildProcess[] = [];
  const beside: LocalStack[] = [];
  try {
    const token = await signIn(traced.gatewayUrl, 'guangdong-province', testUserPassword);
    const plan = await mutate<{ id: string }>(
      traced.gatewayUrl,
      'plan.create',
      {
        pilotAreaId: 'guangzhou',
        title: { 'zh-CN': '基准测试方案', en: 'bench plan' },
        period: { start: '2026-01-01', end: '2028-12-31' },
      },
      token,
    );
    const input = encodeURIComponent(JSON.stringify({ planId: plan.id }));
    const internalPath = `/trpc/plan.get?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { planId: plan.id } }))}`;
    const plansUrl = traced.app('plans').url;
    const internalToken = await createInternalTokenSigner(traced.keys.privateKeyPem, 3600).sign(
      principalOf(token),
      'plans',
    );
    const direct = await fetch(`${plansUrl}${internalPath}`, {
      headers: { 'x-internal-token': internalToken },
    });
    const answer = await direct.text();
    if (!direct.ok) throw new Error(`plans answered ${direct.status}: ${answer}`);
    const single = (JSON.parse(answer) as unknown[])[0];

    const bare = await startChild(bareExpress, { BODY: JSON.stringify(single) });
    const driver = await startChild(expressWithDriver, {
      MONGO_URL: traced.mongoUrl,
      DATABASE: `${traced.databasePrefix}plans_guangdong`,
      PLAN_ID: plan.id,
    });
    const stub = await startChild(stubService, { ANSWER: answer });
    children.push(bare.child, driver.child, stub.child);
    const overStub = await startBeside(traced.prefix, traced.keys, ['gateway'], 'ladder-stub', untraced, {
      PLANS_URL: stub.url,
    });
    beside.push(overStub);
    const quiet = await startBeside(
      traced.prefix,
      traced.keys,
      ['plans', 'gateway'],
      'ladder-untraced',
      untraced,
    );
    beside.push(quiet);
    const bearer = async (gatewayUrl: string) => ({
      authorization: `Bearer ${await signIn(gatewayUrl, 'guangdong-province', testUserPassword)}`,
    });
    const rungs: Rung[] = [
      { name: '1 bare express', url: `${bare.url}/plan`, headers: {} },
      { name: '2 express + findById().lean()', url: `${driver.url}/plan`, headers: {} },
      {
        name: '3 plans service, internal token',
        url: `${plansUrl}${internalPath}`,
        headers: { 'x-internal-token': internalToken },
      },
      {
        name: '4 gateway → stub service',
        url: `${overStub.gatewayUrl}/trpc/plan.get?input=${input}`,
        headers: await bearer(overStub.gatewayUrl),
      },
      {
        name: '5 full path, tracing off',
        url: `${quiet.gatewayUrl}/trpc/plan.get?input=${input}`,
        headers: await bearer(quiet.gatewayUrl),
      },
      {
        name: '6 full path, traced',
        url: `${traced.gatewayUrl}/trpc/plan.get?input=${input}`,
        headers: { authorization: `Bearer ${token}` },
      },
    ];
    const pids: Record<string, number> = {
      ...infrastructurePids(),
      'load generator': process.pid,
      'bare express': bare.child.pid as number,
      'express + driver': driver.child.pid as number,
      'stub service': stub.child.pid as number,
      plans: traced.app('plans').pid as number,
      gateway: traced.app('gateway').pid as number,
      'gateway over the stub': overStub.app('gateway').pid as number,
      'plans untraced': quiet.app('plans').pid as number,
      'gateway untraced': quiet.app('gateway').pid as number,
    };
    // a round as long as the measured ones: a first second left the JIT's warm-up in round one
    for (const rung of rungs) await saturate(rung, seconds, connections);
    const saturation = new Map<string, Saturation[]>(rungs.map((r) => [r.name, []]));
    for (let round = 0; round < rounds; round += 1)
      for (const rung of rungs)
        saturation.get(rung.name)?.push(await saturate(rung, seconds, connections, pids));
    const maxRate = new Map(
      rungs.map((r) => [r.name, median(saturation.get(r.name)?.map((s) => s.requestsPerSecond) ?? [])]),
    );
    // latency where the full path runs at half its maximum: every rung at that same rate
    const rate = Math.max(1, Math.floor((maxRate.get(rungs[5]?.name ?? '') ?? 2) / 2));
    const latencies = new Map<string, number[]>(rungs.map((r) => [r.name, []]));
    const failures = new Map<string, number>(rungs.map((r) => [r.name, 0]));
    for (let round = 0; round < rounds; round += 1)
      for (const rung of rungs) {
        const result = await loadInWorker({
          url: rung.url,
          headers: rung.headers,
          ratePerSecond: rate,
          durationMs: seconds * 1000,
        });
        latencies.get(rung.name)?.push(...result.latencies);
        const refused = [...result.statuses]
          .filter(([status]) => status >= 300)
          .reduce((n, [, c]) => n + c, 0);
        failures.set(rung.name, (failures.get(rung.name) ?? 0) + result.failures + refused);
      }
    const rows = rungs.map((rung, i) => {
      const stats = latencyStats(latencies.get(rung.name) ?? []);
      const below = rungs[i - 1];
      const rps = maxRate.get(rung.name) ?? 0;
      return {
        rung: rung.name,
        'req/s': rps,
        '÷ rung below': below ? ratio(rps, maxRate.get(below.name) ?? 1) : 1,
        [`p50 @${rate}/s`]: stats.p50,
        [`p99 @${rate}/s`]: stats.p99,
        errors:
          (saturation.get(rung.name) ?? []).reduce((n, s) => n + s.errors, 0) +
          (failures.get(rung.name) ?? 0),
      };
    });
    const rps = (i: number) => maxRate.get(rungs[i]?.name ?? '') ?? 0;
    const p99 = (i: number) => latencyStats(latencies.get(rungs[i]?.name ?? '') ?? []).p99;
    const goal = (
      text: string,
      [upper, lower]: [number, number],
      measure: (i: number) => number,
      limit: number,
      kind: LadderGoal['kind'],
    ): LadderGoal => {
      const value = ratio(measure(upper), measure(lower));
      return {
        goal: text,
        ratio: value,
        limit,
        kind,
        met: kind === 'min' ? value >= limit : value <= limit,
        compares: [rungs[upper]?.name ?? '', rungs[lower]?.name ?? ''],
      };
    };
    const goals = [
      goal('(6)/(3) req/s — the gateway hop', [5, 2], rps, 0.6, 'min'),
      goal('(3)/(2) req/s — the service framework', [2, 1], rps, 0.5, 'min'),
      goal('(6)/(5) req/s — tracing', [5, 4], rps, 0.75, 'min'),
      goal('p99 (6) / p99 (2) at the same rate', [5, 1], p99, 3, 'max'),
    ];
    return {
      machine: { cores: availableParallelism(), loadAverage1m: Math.round((loadavg()[0] ?? 0) * 100) / 100 },
      seconds,
      rounds,
      connections,
      ratePerSecond: rate,
      rows,
      cpu: rungs.map((r) => rungCpu(r.name, saturation.get(r.name) ?? [])),
      goals,
      met: goals.every((g) => g.met),
    };
  } finally {
    await Promise.all(beside.map((s) => s.stop()));
    for (const child of children) child.kill();
    await traced.close();
  }
}

if (require.main === module) {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '5' },
      rounds: { type: 'string', default: '2' },
      connections: { type: 'string', default: '8' },
    },
  });
  runPlanGetLadder({
    seconds: Number(values.seconds),
    rounds: Number(values.rounds),
    connections: Number(values.connections),
  }).then(
    ({ rows, cpu, goals, met, ...settings }) => {
      console.log(JSON.stringify(settings, null, 2));
      console.table(rows);
      console.table(cpu, [
        'rung',
        'serversMsPerRequest',
        'ferretDbMsPerRequest',
        'loadGeneratorMsPerRequest',
        'machineCores',
      ]);
      for (const c of cpu) console.log(c.rung, JSON.stringify(c.byProcess));
      console.table(
        Object.fromEntries(
          goals.map((g) => [`${g.goal} ${g.kind === 'min' ? '≥' : '≤'} ${g.limit}`, g.ratio]),
        ),
      );
      console.log(`plan.get ladder: ${met ? 'every goal met' : 'goals not met'}`);
      process.exit(met ? 0 : 1);
    },
    (err: unknown) => {
      process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
      process.exit(2);
    },
  );
}
