#!/usr/bin/env node
/**
 * Command → consumer effect: from `plan.submit` at the gateway until `approval.case_opened.v1`
 * (the approvals service opened the case and announced it), against a raw kafkajs produce →
 * consume round trip measured in the same run on the same broker. p50/p99 and their ratios.
 *
 * The report splits the path into its stretches from each sample's trace in Jaeger.
 *
 *   npm run build && node tools/bench/dist/submit-to-case-latency.js [--samples 40] [--outline]
 */
import { topics } from '@tradepilot/contracts';
import { createKafka, createProducer, TopicNames } from '@tradepilot/messaging';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { benchPassword, kafkaBrokers, startBenchStack } from './bench-stack';
import { mutate, query, signIn } from './gateway-calls';
import { until } from './bounded-poll';
import { eventPathSplit, type EventPathSample, type Segment } from './event-path-split';
import { traceOutline, traceSpans } from './trace-spans';
import { latencyStats, ratio, type LatencyStats } from './latency-stats';

const logger = pino({ level: 'silent' });

interface Arrival {
  at: number;
  /** the trace the message belongs to (W3C traceparent header), when it carries one */
  traceId: string | undefined;
}

const epoch = (at: number) => performance.timeOrigin + at;

const traceIdOf = (header: Buffer | string | (Buffer | string)[] | undefined): string | undefined =>
  String(Array.isArray(header) ? header[0] : (header ?? '')).split('-')[1];

/**
 * Records when each message of a topic arrives (from the topic's start: a fresh topic of this
 * run), so a wait for a message that is already in returns its arrival time at once.
 */
async function watch(topic: string) {
  const kafka = createKafka({ brokers: kafkaBrokers, clientId: 'bench-watch', logger });
  const consumer = kafka.consumer({ groupId: `bench-watch-${performance.now()}`, maxWaitTimeInMs: 20 });
  const waiting = new Map<string, (arrival: Arrival) => void>();
  const seen: ({ value: string } & Arrival)[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let joined = false;
  consumer.on(consumer.events.GROUP_JOIN, () => (joined = true));
  await consumer.run({
    eachMessage: async ({ message }) => {
      const arrival = { at: performance.now(), traceId: traceIdOf(message.headers?.['traceparent']) };
      const value = message.value?.toString() ?? '';
      seen.push({ value, ...arrival });
      for (const [needle, resolve] of waiting) {
        if (value.includes(needle)) {
          waiting.delete(needle);
          resolve(arrival);
        }
      }
    },
  });
  await until('the watcher joined its group', async () => joined);
  return {
    next: (needle: string, timeoutMs = 30_000) =>
      new Promise<Arrival>((resolve, reject) => {
        const already = seen.find((m) => m.value.includes(needle));
        if (already) return resolve(already);
        const timer = setTimeout(
          () => reject(new Error(`no message with ${needle} within ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiting.set(needle, (arrival) => {
          clearTimeout(timer);
          resolve(arrival);
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
      latencies.push((await received).at - started);
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
  /** where the time goes, from each sample's trace in Jaeger */
  split: { traced: number; segments: Record<Segment, LatencyStats> };
}

export async function runSubmitToCaseLatency({
  samples,
  outline = false,
}: {
  samples: number;
  /** print the last sample's trace to stderr */
  outline?: boolean;
}): Promise<SubmitToCaseResult> {
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
    const traced: EventPathSample[] = [];
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
      const arrival = await opened;
      latencies.push(arrival.at - started);
      if (arrival.traceId)
        traced.push({ traceId: arrival.traceId, startedAt: epoch(started), arrivedAt: epoch(arrival.at) });
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
    const split = await eventPathSplit(traced);
    const last = traced.at(-1);
    if (outline && last) process.stderr.write(`${traceOutline(await traceSpans(last.traceId))}\n`);
    const raw = await rawRoundTrips(Math.max(samples, 100));
    const effect = latencyStats(latencies);
    const baseline = latencyStats(raw);
    return {
      benchmark: 'plan.submit → approval.case_opened.v1 vs raw kafkajs produce→consume',
      baseline,
      submitToCaseOpened: effect,
      ratios: { p50: ratio(effect.p50, baseline.p50), p99: ratio(effect.p99, baseline.p99) },
      split,
    };
  } finally {
    await stack.close();
  }
}

if (require.main === module) {
  const { values } = parseArgs({
    options: { samples: { type: 'string', default: '40' }, outline: { type: 'boolean', default: false } },
  });
  runSubmitToCaseLatency({ samples: Number(values.samples), outline: values.outline }).then(
    (report) => process.stdout.write(`${JSON.stringify(report, null, 2)}\n`),
    (err: Error) => {
      process.stderr.write(`${err.stack ?? err.message}\n`);
      process.exit(1);
    },
  );
}
