// Report ingestion end to end: how many progress reports per second the platform takes from the
// pilot area's submission to "accepted" in supervision (report.submit → the approvals case opens →
// the province accepts it in its inbox → approval.case_completed.v1 → the report accepted and the
// implementation projections updated). Every city pilot area of round 2020 gets an approved
// plan (the demo flow), then all submit at once and their provinces accept as cases arrive. The
// baseline, measured in the same run on the same reports: report.save, one write through the
// same gateway and service, at the same concurrency.
//
//   npx nx run-many -t build --projects=@tradepilot/bench,tag:type:app
//   node tools/bench/dist/report-ingestion-bench.js      (BENCH_CONCURRENCY=4 by default)
import {
  approvedDemoPlan,
  DemoGateway,
  openQuarterlySchedule,
  reportCaseInInbox,
  submitDemoReport,
} from '@tradepilot/local-stack';
import { forEachConcurrently } from '@tradepilot/testing';
import { startTestStack } from '@tradepilot/test-stack';
import { TenantRegistry } from '@tradepilot/tenancy';
import { performance } from 'node:perf_hooks';
import { benchPassword, productionTiming } from './bench-stack';
import { latencyStats, ratio } from './latency-stats';

const round = 2020;
const concurrency = Number(process.env['BENCH_CONCURRENCY'] ?? 4);

async function main(): Promise<void> {
  const registry = TenantRegistry.fromSeed();
  // areas of a province: it reviews the report (in a dual-role government the ministry does)
  const areas = registry
    .pilotAreas()
    .filter((a) => a.rounds.includes(round) && !a.dualRoleProvince)
    .map((a) => ({
      area: a.id,
      province: a.province,
      city: a.kind === 'city' ? `${a.name['zh-CN']}市` : a.name['zh-CN'],
    }));
  const stack = await startTestStack({
    apps: ['plans', 'approvals', 'supervision', 'gateway'],
    env: productionTiming,
    appEnv: {
      plans: { SAMPLE_CATALOG: 'if-empty' },
      supervision: { SCHEDULER_POLL_MS: '500' },
      gateway: { RATE_LIMIT_USER_CALLS: '1000000', RATE_LIMIT_TENANT_CALLS: '1000000' },
    },
  });
  try {
    const gateway = new DemoGateway({
      gatewayUrl: stack.gatewayUrl,
      password: benchPassword,
      stepTimeoutMs: 120_000,
      // each waiting step polls: faster polls would load the one FerretDB they measure
      pollMs: 100,
    });
    const today = new Date().toISOString().slice(0, 10);
    const year = Number(today.slice(0, 4));
    await forEachConcurrently(areas, concurrency, (a) =>
      approvedDemoPlan(gateway, a, year).then(() => undefined),
    );
    const period = await openQuarterlySchedule(gateway, today);

    // submitted and accepted: the clock runs from the first submission to the last acceptance
    const latencies: number[] = [];
    const stages = {
      submitted: [] as number[],
      inInbox: [] as number[],
      decided: [] as number[],
      accepted: [] as number[],
    };
    const started = performance.now();
    await forEachConcurrently(areas, concurrency, async (a) => {
      const reviewer = `${a.province}-province`;
      const submittedAt = performance.now();
      const reportId = await submitDemoReport(gateway, a, period.periodId);
      const inSupervision = performance.now();
      const item = await reportCaseInInbox(gateway, reviewer, reportId);
      const inInbox = performance.now();
      await gateway.mutate(reviewer, 'case.decide', {
        caseId: item.caseId,
        decision: 'approve',
        version: item.version,
      });
      const decided = performance.now();
      await gateway.until(`${a.area}'s report accepted`, async () =>
        (
          await gateway.query<{ status: string }>(`${a.area}-officer`, 'report.get', {
            pilotAreaId: a.area,
            periodId: period.periodId,
          })
        ).status === 'accepted'
          ? true
          : undefined,
      );
      const accepted = performance.now();
      latencies.push(accepted - submittedAt);
      stages.submitted.push(inSupervision - submittedAt);
      stages.inInbox.push(inInbox - inSupervision);
      stages.decided.push(decided - inInbox);
      stages.accepted.push(accepted - decided);
    });
    const ingestionSeconds = (performance.now() - started) / 1000;

    // the baseline: one report.save per area on the same reports (a new version of each)
    const saveStarted = performance.now();
    await forEachConcurrently(areas, concurrency, async (a) => {
      const key = { pilotAreaId: a.area, periodId: period.periodId };
      const user = `${a.area}-officer`;
      const current = await gateway.query<{ version: number }>(user, 'report.get', key);
      await gateway
        .mutate(user, 'report.save', {
          ...key,
          version: current.version,
          entries: [{ taskId: 't2', status: 'in_progress', narrative: '基准写入' }],
        })
        // an accepted report is final: the refusal is still one full call through the stack
        .catch(() => undefined);
    });
    const saveSeconds = (performance.now() - saveStarted) / 1000;

    const accepted = areas.length / ingestionSeconds;
    const saves = areas.length / saveSeconds;
    const stats = latencyStats(latencies);
    process.stdout.write(
      `${JSON.stringify(
        {
          reports: areas.length,
          concurrency,
          acceptedPerSecond: Math.round(accepted * 100) / 100,
          submitToAcceptedMs: { p50: stats.p50, p99: stats.p99, max: stats.max },
          // where the time goes: save and submit (supervision), the report's case reaching the
          // reviewer's inbox (event → approvals), the decision, the outcome reaching the report
          stagesP50Ms: Object.fromEntries(Object.entries(stages).map(([k, v]) => [k, latencyStats(v).p50])),
          stagesMaxMs: Object.fromEntries(Object.entries(stages).map(([k, v]) => [k, latencyStats(v).max])),
          baseline: { procedure: 'report.save (one write)', callsPerSecond: Math.round(saves * 100) / 100 },
          ratioToBaseline: ratio(accepted, saves),
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    await stack.close();
  }
}

void main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
