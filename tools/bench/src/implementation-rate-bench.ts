// The ministry's implementation-rate dashboard (implementation.nationalRate, and the national
// summary the overview shows) over three years of data: 21 provinces, 28 pilot areas × 122
// measures × 12 quarterly periods in supervision_national. Target p99 ≤ 50 ms, reported as a
// ratio against a call through the same gateway that reads no database (reference.places),
// measured interleaved in the same run.
//
//   npx nx run-many -t build --projects=@tradepilot/bench,@tradepilot/gateway-app,@tradepilot/supervision-app
//   node tools/bench/dist/implementation-rate-bench.js      (BENCH_ROUNDS=300 by default)
import { startTestStack, testUserPassword, type TestStack } from '@tradepilot/test-stack';
import { TenantRegistry } from '@tradepilot/tenancy';
import { MongoClient } from 'mongodb';
import { performance } from 'node:perf_hooks';
import { latencyStats, ratio, type LatencyStats } from './latency-stats';

const rounds = Number(process.env['BENCH_ROUNDS'] ?? 300);
const budgetMs = 50;
const round = 2020;
const groups = [
  'management',
  'opening-up',
  'facilitation',
  'development-models',
  'innovation',
  'promotion',
  'policy',
  'statistics',
];
// 122 measures spread over the 8 task groups
const measures = Array.from({ length: 122 }, (_, i) => ({
  measureId: `M-${(i % 8) + 1}-${String(Math.floor(i / 8) + 1).padStart(2, '0')}`,
  taskGroupId: groups[i % 8] as string,
  responsibleDepartments: ['mofcom'],
}));

async function call(
  stack: TestStack,
  token: string,
  path: string,
  input: unknown,
  method: 'GET' | 'POST' = 'GET',
) {
  const url = `${stack.gatewayUrl}/trpc/${path}`;
  const authorization: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const response =
    method === 'GET'
      ? await fetch(`${url}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers: authorization })
      : await fetch(url, {
          method: 'POST',
          headers: { ...authorization, 'content-type': 'application/json' },
          body: JSON.stringify(input),
        });
  const body = (await response.json()) as { result?: { data: unknown }; error?: unknown };
  if (!response.ok || !body.result)
    throw new Error(`${path}: ${response.status} ${JSON.stringify(body.error)}`);
  return body.result.data;
}

/** Three years of accepted reports in the ministry's projections, as the report events leave them. */
async function seed(stack: TestStack, periods: { id: string; start: string }[]): Promise<number> {
  const registry = TenantRegistry.fromSeed();
  const areas = registry.pilotAreas().filter((a) => a.rounds.includes(round));
  const client = await MongoClient.connect(stack.mongoUrl, { directConnection: true });
  try {
    const db = client.db(`${stack.databasePrefix}supervision_national`);
    const now = new Date();
    const rates = [];
    const matrix = [];
    const timeliness = [];
    for (const [a, area] of areas.entries())
      for (const [p, period] of periods.entries()) {
        const id = `${round}:${period.id}:${area.id}`;
        // more implemented period after period, differently per area; every 17th not planned
        const cells = measures.map((m, i) => ({
          ...m,
          status: i % 17 === 0 ? 'not_planned' : (i + a) % 12 < p + 1 ? 'implemented' : 'not_implemented',
        }));
        const count = (list: typeof cells, status: string) => list.filter((c) => c.status === status).length;
        const counts = (list: typeof cells) => ({
          applicable: list.length,
          implemented: count(list, 'implemented'),
          notPlanned: count(list, 'not_planned'),
        });
        const row = {
          round,
          periodId: period.id,
          periodStart: period.start,
          province: area.province,
          pilotAreaId: area.id,
        };
        rates.push({
          _id: id,
          ...row,
          ...counts(cells),
          groups: groups.map((g) => ({
            taskGroupId: g,
            ...counts(cells.filter((c) => c.taskGroupId === g)),
          })),
          reportSequence: 3,
          updatedAt: now,
        });
        matrix.push({
          _id: id,
          ...row,
          ...counts(cells),
          measures: cells,
          reportSequence: 3,
          updatedAt: now,
        });
        timeliness.push({
          _id: `${period.id}:${area.id}`,
          round,
          province: area.province,
          periodId: period.id,
          pilotAreaId: area.id,
          status: 'accepted',
          timeliness: (a + p) % 5 === 0 ? 'late' : 'on_time',
          daysLate: (a + p) % 5 === 0 ? 3 : 0,
          lastSequence: 3,
          updatedAt: now,
        });
      }
    await db.collection('implementation_rates').insertMany(rates as never[]);
    await db.collection('implementation_matrix').insertMany(matrix as never[]);
    await db.collection('report_timeliness').insertMany(timeliness as never[]);
    await db.collection('national_areas').insertMany(
      areas.map((area) => ({
        _id: `${round}:${area.id}`,
        round,
        province: area.province,
        pilotAreaId: area.id,
        planStatus: 'implementing',
        inForceSubmission: 1,
        taskCount: 60,
        plannedMeasures: 115,
        firstApprovedOn: '2023-12-01',
        lastSequence: 5,
        updatedAt: now,
      })) as never[],
    );
    return rates.length;
  } finally {
    await client.close();
  }
}

async function main(): Promise<void> {
  const stack = await startTestStack({
    apps: ['supervision', 'gateway'],
    appEnv: { gateway: { RATE_LIMIT_USER_CALLS: '1000000', RATE_LIMIT_TENANT_CALLS: '1000000' } },
  });
  try {
    const { accessToken: ministry } = (await call(
      stack,
      '',
      'auth.devLogin',
      { username: 'mofcom-officer', password: testUserPassword },
      'POST',
    )) as { accessToken: string };
    await call(
      stack,
      ministry,
      'reportingSchedule.save',
      {
        round,
        frequency: 'quarterly',
        from: '2024-01-01',
        to: '2026-12-31',
        dueWorkingDays: 10,
        reminderWorkingDaysBefore: 3,
        version: 0,
      },
      'POST',
    );
    const schedule = (await call(stack, ministry, 'period.list', { round })) as {
      periods: { periodId: string; start: string }[];
    };
    const periods = schedule.periods.map((p) => ({ id: p.periodId, start: p.start }));
    const rows = await seed(stack, periods);
    const answer = (await call(stack, ministry, 'implementation.nationalRate', { round })) as {
      periods: { areas: number }[];
    };
    if (answer.periods.length !== periods.length || answer.periods.some((p) => p.areas !== 28))
      throw new Error(
        `the dashboard does not see the seeded data: ${JSON.stringify(answer.periods.map((p) => p.areas))}`,
      );

    const procedures = [
      'reference.places',
      'implementation.nationalRate',
      'implementation.nationalSummary',
    ] as const;
    const input = (p: string) => (p === 'reference.places' ? {} : { round });
    const samples: Record<string, number[]> = Object.fromEntries(procedures.map((p) => [p, []]));
    for (let i = 0; i < 30; i += 1) for (const p of procedures) await call(stack, ministry, p, input(p));
    // interleaved, so every procedure sees the same machine load
    for (let i = 0; i < rounds; i += 1)
      for (const p of procedures) {
        const started = performance.now();
        await call(stack, ministry, p, input(p));
        samples[p]?.push(performance.now() - started);
      }
    const stats = Object.fromEntries(procedures.map((p) => [p, latencyStats(samples[p] ?? [])])) as Record<
      (typeof procedures)[number],
      LatencyStats
    >;
    const baseline = stats['reference.places'];
    const report = {
      rounds,
      data: { provinces: 21, pilotAreas: 28, measures: measures.length, periods: periods.length, rows },
      budgetMs,
      baseline: {
        procedure: 'reference.places (no database)',
        p50Ms: two(baseline.p50),
        p99Ms: two(baseline.p99),
      },
      measured: (['implementation.nationalRate', 'implementation.nationalSummary'] as const).map((p) => ({
        procedure: p,
        p50Ms: two(stats[p].p50),
        p99Ms: two(stats[p].p99),
        p50Ratio: ratio(stats[p].p50, baseline.p50),
        p99Ratio: ratio(stats[p].p99, baseline.p99),
        withinBudget: stats[p].p99 <= budgetMs,
      })),
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    if (report.measured.some((m) => !m.withinBudget)) process.exitCode = 1;
  } finally {
    await stack.close();
  }
}

const two = (n: number) => Math.round(n * 100) / 100;

void main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
