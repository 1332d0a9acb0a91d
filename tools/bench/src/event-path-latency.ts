#!/usr/bin/env node
/**
 * The event path of issue 14 §2: `plan.submit` at the gateway → `plan.submitted.v1` on Kafka (the
 * plans service's outbox relay) → the approvals service opens the case and `approval.case_opened.v1`
 * is on Kafka. Open loop at `--rate` submissions a second (20), `--samples` of them (200), each on
 * a plan ready for submission; interleaved slot by slot with a raw two-hop Kafka round trip on the
 * same broker (produce → consume and produce → consume), the floor under two hops. p50/p99 of
 * each and their ratios to the floor. Goals: case opened p50 ≤ 25 ms, p99 ≤ 100 ms.
 *
 * A pilot area has one plan per round, so the plans of every pilot area and round take turns: a
 * submitted plan is returned by the ministry and signed again in the background, and is ready for
 * a later slot. A slot that finds no plan ready waits for one (counted as slipped).
 *
 *   npx nx run-many -t build --projects=@tradepilot/bench,@tradepilot/gateway-app,@tradepilot/plans-app,@tradepilot/approvals-app
 *   node tools/bench/dist/event-path-latency.js [--samples 200] [--rate 20]
 */
import { topics } from '@tradepilot/contracts';
import { TenantRegistry } from '@tradepilot/tenancy';
import { TopicNames } from '@tradepilot/messaging';
import { startTestStack } from '@tradepilot/test-stack';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { benchPassword, productionTiming } from './bench-stack';
import { until } from './bounded-poll';
import { mutate, query, signIn } from './gateway-calls';
import { startKafkaTwoHop } from './kafka-two-hop';
import { latencyStats, ratio } from './latency-stats';
import { watchTopic } from './topic-watch';

const { values } = parseArgs({
  options: { samples: { type: 'string', default: '200' }, rate: { type: 'string', default: '20' } },
});
const samples = Number(values.samples);
const rate = Number(values.rate);

interface PlanState {
  status: string;
  version: number;
  missingSignOffs: string[];
}

/** One pilot area's plan of one round and the people who sign it. */
interface Seat {
  planId: string;
  version: number;
  area: string;
  province: string;
}

async function main(): Promise<void> {
  const stack = await startTestStack({
    apps: ['plans', 'approvals', 'gateway'],
    env: productionTiming,
    appEnv: { gateway: { RATE_LIMIT_USER_CALLS: '1000000', RATE_LIMIT_TENANT_CALLS: '1000000' } },
  });
  const hop = await startKafkaTwoHop();
  const names = new TopicNames(stack.topicPrefix);
  const planTopic = await watchTopic(names.physical(topics.plan));
  const caseTopic = await watchTopic(names.physical(topics.approvalCase));
  try {
    const gateway = stack.gatewayUrl;
    const tokens = new Map<string, string>();
    const token = async (user: string) => {
      if (!tokens.has(user)) tokens.set(user, await signIn(gateway, user, benchPassword));
      return tokens.get(user) as string;
    };
    const ministry = await token('mofcom-officer');
    const registry = TenantRegistry.fromSeed();

    /** signs what the plan still misses; resolves with the version ready for submission */
    const signAll = async (seat: Seat): Promise<number> => {
      for (;;) {
        const plan = await query<PlanState>(
          gateway,
          'plan.get',
          { planId: seat.planId },
          await token(seat.province),
        );
        const signer = plan.missingSignOffs.includes('pilot-area')
          ? seat.area
          : plan.missingSignOffs.includes('province')
            ? seat.province
            : undefined;
        if (!signer) return plan.version;
        await mutate(
          gateway,
          'plan.sign',
          { planId: seat.planId, version: plan.version },
          await token(signer),
        );
      }
    };

    const seats: Seat[] = [];
    for (const area of registry.pilotAreas())
      for (const round of area.rounds) {
        const dual = registry.isDualRole(area.province);
        const province = dual ? `${area.province}-officer` : `${area.province}-province`;
        const created = await mutate<{ id: string; version: number }>(
          gateway,
          'plan.create',
          {
            pilotAreaId: area.id,
            round,
            title: { 'zh-CN': `事件路径基准（${area.id}）`, en: `Event path bench (${area.id})` },
            period: { start: '2026-01-01', end: '2028-12-31' },
          },
          await token(province),
        ).catch(() => undefined);
        if (!created) continue;
        const seat = {
          planId: created.id,
          version: created.version,
          area: dual ? province : `${area.id}-officer`,
          province,
        };
        seat.version = await signAll(seat);
        seats.push(seat);
      }
    process.stderr.write(`${seats.length} plans ready; ${samples} samples at ${rate}/s\n`);

    const ready: Seat[] = [...seats];
    const waitingForSeat: ((seat: Seat) => void)[] = [];
    const release = (seat: Seat) => {
      const next = waitingForSeat.shift();
      if (next) next(seat);
      else ready.push(seat);
    };
    const takeSeat = () =>
      ready.length > 0
        ? Promise.resolve(ready.shift() as Seat)
        : new Promise<Seat>((r) => waitingForSeat.push(r));

    const submitted: number[] = [];
    const opened: number[] = [];
    const floor: number[] = [];
    let slipped = 0;
    let failed = 0;
    const inFlight: Promise<void>[] = [];
    const interval = 1000 / rate / 2;
    const started = performance.now();
    for (let slot = 0; slot < samples * 2; slot += 1) {
      const scheduled = started + slot * interval;
      const wait = scheduled - performance.now();
      if (wait > 0) await delay(wait);
      if (slot % 2 === 1) {
        inFlight.push(
          hop.roundTrip(`floor-${slot}-${scheduled}`, scheduled).then(
            (ms) => void floor.push(ms),
            () => void (failed += 1),
          ),
        );
        continue;
      }
      if (ready.length === 0) slipped += 1;
      const seat = await takeSeat();
      const at = Math.max(scheduled, performance.now());
      inFlight.push(
        (async () => {
          const submission = mutate<{ submission: number }>(
            gateway,
            'plan.submit',
            { planId: seat.planId, version: seat.version },
            await token(seat.province),
          );
          const { submission: n } = await submission;
          const [onKafka, caseOpened] = await Promise.all([
            planTopic.arrival(['"plan.submitted.v1"', seat.planId, `"submission":${n}`]),
            caseTopic.arrival(['"approval.case_opened.v1"', `"id":"${seat.planId}","version":${n}`]),
          ]);
          submitted.push(onKafka.at - at);
          opened.push(caseOpened.at - at);
          // back in the pool: the ministry returns it, the area and province sign again
          const caseId = (JSON.parse(caseOpened.value) as { data: { caseId: string } }).data.caseId;
          await mutate(
            gateway,
            'case.decide',
            { caseId, decision: 'return', reason: '基准测试', version: 1 },
            ministry,
          );
          await until('the plan returned', async () => {
            const plan = await query<PlanState>(
              gateway,
              'plan.get',
              { planId: seat.planId },
              await token(seat.province),
            );
            return plan.status === 'returned';
          });
          seat.version = await signAll(seat);
          release(seat);
        })().catch((err: Error) => {
          failed += 1;
          process.stderr.write(`sample failed: ${err.message}\n`);
        }),
      );
    }
    await Promise.all(inFlight);
    const baseline = latencyStats(floor);
    const toKafka = latencyStats(submitted);
    const toCase = latencyStats(opened);
    const report = {
      benchmark:
        'plan.submit → plan.submitted.v1 → approval.case_opened.v1, open loop, vs a raw two-hop Kafka round trip',
      rate,
      loadAverage: loadavg().map((l) => Math.round(l * 10) / 10),
      plans: seats.length,
      slipped,
      failed,
      rawTwoHop: baseline,
      submitToPlanSubmittedOnKafka: toKafka,
      submitToCaseOpenedOnKafka: toCase,
      goals: { caseOpenedP50: '≤ 25 ms', caseOpenedP99: '≤ 100 ms' },
      ratios: {
        caseOpenedP50: ratio(toCase.p50, baseline.p50),
        caseOpenedP99: ratio(toCase.p99, baseline.p99),
      },
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await planTopic.stop();
    await caseTopic.stop();
    await hop.stop();
    await stack.close();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`${err.stack ?? err.message}\n`);
  process.exit(1);
});
