#!/usr/bin/env node
/**
 * Command → consumer effect: from `plan.submit` at the gateway until `approval.case_opened.v1`
 * (the approvals service opened the case and announced it), against a raw kafkajs produce →
 * consume round trip measured in the same run on the same broker. p50/p99 and their ratios.
 *
 *   npm run build && node tools/bench/dist/submit-to-case-latency.js [--samples 40]
 */
import { topics } from '@tradepilot/contracts';
import { createKafka, createProducer, TopicNames } from '@tradepilot/messaging';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { benchPassword, kafkaBrokers, startBenchStack } from './bench-stack';
import { mutate, query, signIn } from './gateway-calls';
import { until } from './bounded-poll';
import { latencyStats, ratio, type LatencyStats } from './latency-stats';

const logger = pino({ level: 'silent' });

/**
 * Records when each message of a topic arrives (from the topic's start: a fresh topic of this
 * run), so a wait for a message that is already in returns its arrival time at once.
 */
async function watch(topic: string) {
  const kafka = createKafka({ brokers: kafkaBrokers, clientId: 'bench-watch', logger });
  const consumer = kafka.consumer({ groupId: `bench-watch-${performance.now()}`, maxWaitTimeInMs: 20 });
  const waiting = new Map<string, (at: number) => void>();
  const seen: { value: string; at: number }[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let joined = false;
  consumer.on(consumer.events.GROUP_JOIN, () => (joined = true));
  await consumer.run({
    eachMessage: async ({ message }) => {
      const at = performance.now();
      const value = message.value?.toString() ?? '';
      seen.push({ value, at });
      for (const [needle, resolve] of waiting) {
        if (value.includes(needle)) {
          waiting.delete(needle);
          resolve(at);
        }
      }
    },
  });
  await until('the watcher joined its group', async () => joined);
  return {
    next: (needle: string, timeoutMs = 30_000) =>
      new Promise<number>((resolve, reject) => {
        const already = seen.find((m) => m.value.includes(needle));
        if (already) return resolve(already.at);
        const timer = setTimeout(
          () => reject(new Error(`no message with ${needle} within ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiting.set(needle, (at) => {
          clearTimeout(timer);
          resolve(at);
        });
      }),
    stop: () => consumer.disconnect(),
  };
}

async function rawRoundTrips(samples: number): Promise<number[]> {
  const kafka = createKafka({ brokers: kafkaBrokers, clientId: 'bench-raw', logger });
  const names = new TopicNames(`benchraw${Date.now().toString(36)}.`);
  const topic = names.physical('roundtrip');
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
  const producer = createProducer(kafka);
  await producer.connect();
  const watcher = await watch(topic);
  const latencies: number[] = [];
  try {
    for (let i = 0; i < samples; i += 1) {
      const marker = `m-${i}-${performance.now()}`;
      const received = watcher.next(marker);
      const started = performance.now();
      await producer.send({
        topic,
        acks: -1,
        messages: [{ key: marker, value: JSON.stringify({ marker }) }],
      });
      latencies.push((await received) - started);
    }
  } finally {
    await watcher.stop();
    await producer.disconnect();
    await admin.deleteTopics({ topics: [topic] });
    await admin.disconnect();
  }
  return latencies;
}

export interface SubmitToCaseResult {
  benchmark: string;
  baseline: LatencyStats;
  submitToCaseOpened: LatencyStats;
  ratios: { p50: number; p99: number };
}

export async function runSubmitToCaseLatency({ samples }: { samples: number }): Promise<SubmitToCaseResult> {
  const stack = await startBenchStack();
  try {
    // Hainan: one government is pilot area and province, so one officer's sign-off suffices
    const province = await signIn(stack.gatewayUrl, 'hainan-officer', benchPassword);
    const ministry = await signIn(stack.gatewayUrl, 'mofcom-officer', benchPassword);
    const caseTopic = new TopicNames(stack.topicPrefix).physical(topics.approvalCase);
    const watcher = await watch(caseTopic);
    const plan = await mutate<{ id: string; version: number }>(
      stack.gatewayUrl,
      'plan.create',
      {
        pilotAreaId: 'hainan',
        title: { 'zh-CN': '基准测试方案', en: 'bench plan' },
        period: { start: '2026-01-01', end: '2028-12-31' },
      },
      province,
    );
    const latencies: number[] = [];
    let version = plan.version;
    for (let i = 0; i < samples; i += 1) {
      const signed = await mutate<{ version: number }>(
        stack.gatewayUrl,
        'plan.sign',
        { planId: plan.id, version },
        province,
      );
      const opened = watcher.next(`"id":"${plan.id}","version":${i + 1}`);
      const started = performance.now();
      await mutate(stack.gatewayUrl, 'plan.submit', { planId: plan.id, version: signed.version }, province);
      latencies.push((await opened) - started);
      // return it, so the next iteration can resubmit (a new case each time)
      const current = await until('the case in the ministry list', async () =>
        (
          await query<{ id: string; subject: { id: string; version: number } }[]>(
            stack.gatewayUrl,
            'case.listOpen',
            {},
            ministry,
          )
        ).find((c) => c.subject.id === plan.id && c.subject.version === i + 1),
      );
      await mutate(
        stack.gatewayUrl,
        'case.decide',
        { caseId: current.id, decision: 'return', reason: 'bench', version: 1 },
        ministry,
      );
      version = await until('the plan returned', async () => {
        const state = await query<{ status: string; version: number }>(
          stack.gatewayUrl,
          'plan.get',
          { planId: plan.id },
          province,
        );
        return state.status === 'returned' && state.version;
      });
    }
    await watcher.stop();
    const raw = await rawRoundTrips(Math.max(samples, 100));
    const effect = latencyStats(latencies);
    const baseline = latencyStats(raw);
    return {
      benchmark: 'plan.submit → approval.case_opened.v1 vs raw kafkajs produce→consume',
      baseline,
      submitToCaseOpened: effect,
      ratios: { p50: ratio(effect.p50, baseline.p50), p99: ratio(effect.p99, baseline.p99) },
    };
  } finally {
    await stack.close();
  }
}

if (require.main === module) {
  const { values } = parseArgs({ options: { samples: { type: 'string', default: '40' } } });
  runSubmitToCaseLatency({ samples: Number(values.samples) }).then(
    (report) => process.stdout.write(`${JSON.stringify(report, null, 2)}\n`),
    (err: Error) => {
      process.stderr.write(`${err.stack ?? err.message}\n`);
      process.exit(1);
    },
  );
}
