#!/usr/bin/env node
/**
 * Outbox relay throughput (issue 14 §5): a backlog of queued events across the 21 tenants, drained
 * by the platform's `OutboxRelay` wired as a service wires it (producer, timings, poll), against a
 * bare kafkajs producer sending the same records with the same batching (up to
 * `relayRecordsPerRequest` records per awaited request) and acks (-1), measured in the same run:
 * half of its sends before the drain, half after.
 * Seeding is not timed. Done = every event's record on Kafka (end offsets), then checked: each
 * event id read back once at least, no outbox entry left, nothing quarantined.
 *
 *   npx nx run @tradepilot/bench:build
 *   node tools/bench/dist/relay-drain-bench.js [--events 100000] [--per-aggregate 5] [--cpu-prof <file>]
 */
import { topics as logicalTopics } from '@tradepilot/contracts';
import {
  createKafka,
  createProducer,
  defaultMaxMessageBytes,
  ensureTopics,
  OutboxRelay,
  relayRecordsPerRequest,
  relayTimings,
  TopicNames,
  type Producer,
} from '@tradepilot/messaging';
import { connectDatabase, TenantDatabases, TenantRegistry, tenantScope } from '@tradepilot/tenancy';
import { infraConnection, uniqueSuffix } from '@tradepilot/test-stack';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { productionTiming } from './bench-stack';
import { until } from './bounded-poll';
import { profiled, type ProfileSummary } from './cpu-profile';
import { ratio } from './latency-stats';
import { machineLoad, type MachineLoad } from './machine-load';
import { backlogPlanModel, queueBacklog } from './outbox-backlog';
import { sendInBatches, sendOneByOne } from './raw-producer-sends';
import { distinctEventIds, recordsOnTopics } from './topic-records';

export interface RelayDrainOptions {
  events: number;
  eventsPerAggregate: number;
  /** progress lines (stderr in the CLI) */
  log?: (line: string) => void;
  /** a `.cpuprofile` of this process while the relay drains (the relay runs in it) */
  cpuProfileFile?: string;
}

interface Throughput {
  events: number;
  seconds: number;
  eventsPerSecond: number;
}

export interface RelayDrainResult {
  benchmark: string;
  machine: { before: MachineLoad; after: MachineLoad };
  events: number;
  tenants: number;
  aggregates: number;
  eventsPerAggregate: number;
  seedingSeconds: number;
  relay: Throughput & { published: number; quarantined: number; failedAttempts: number };
  /** the baseline: the relay's batching (up to `batchSize` records per awaited request), acks -1 */
  rawProducer: Throughput & { batchSize: number };
  /** for scale, not a goal: the same records one per awaited request */
  rawProducerOneByOne: Throughput;
  checks: { distinctEventIdsOnKafka: number; recordsOnKafka: number; outboxEntriesLeft: number };
  /** relay ÷ raw producer, events/s */
  ratio: number;
  goal: string;
  met: boolean;
  /** where the relay's process spent the drain, with `cpuProfileFile` */
  cpuProfile?: ProfileSummary & { file: string };
}

// a service's defaults (service-kit config.ts): KAFKA_REQUEST_TIMEOUT_MS, KAFKA_CONNECTION_TIMEOUT_MS, RELAY_SEND_RETRIES
const serviceTimings = relayTimings({ requestTimeoutMs: 3000, connectionTimeoutMs: 3000, sendRetries: 3 });
const batchSize = relayRecordsPerRequest;
const stallMs = 60_000;

const throughput = (events: number, ms: number): Throughput => ({
  events,
  seconds: Math.round(ms) / 1000,
  eventsPerSecond: Math.round((events / ms) * 1000),
});

export async function runRelayDrain({
  events,
  eventsPerAggregate,
  log = () => undefined,
  cpuProfileFile,
}: RelayDrainOptions): Promise<RelayDrainResult> {
  if (!Number.isInteger(events) || events < 2)
    throw new Error(`--events must be an integer ≥ 2, not ${events}`);
  if (!Number.isInteger(eventsPerAggregate) || eventsPerAggregate < 1)
    throw new Error(`--per-aggregate must be an integer ≥ 1, not ${eventsPerAggregate}`);
  const before = machineLoad();
  const infra = infraConnection();
  const run = uniqueSuffix();
  // kafkajs and relay warnings to stderr: stdout carries the result
  const logger = pino({ level: 'warn' }, pino.destination(2));
  const root = await connectDatabase({ url: infra.mongoUrl });
  const databases = new TenantDatabases(root, {
    service: 'relaybench',
    registry: TenantRegistry.fromSeed(),
    models: [backlogPlanModel],
    databasePrefix: `rb${run}_`,
  });
  const kafka = createKafka({
    brokers: infra.kafkaBrokers,
    clientId: 'relaybench',
    logger,
    connectionTimeoutMs: serviceTimings.connectionTimeoutMs,
    requestTimeoutMs: serviceTimings.requestTimeoutMs,
  });
  const relayTopics = new TopicNames(`rb${run}.`);
  const rawTopics = new TopicNames(`rbraw${run}.`);
  const relayTopic = relayTopics.physical(logicalTopics.plan);
  const rawTopic = rawTopics.physical(logicalTopics.plan);
  const admin = kafka.admin();
  const producers: Producer[] = [];
  let relay: OutboxRelay | undefined;
  await admin.connect();
  try {
    // the services' TOPIC_PARTITIONS default (3)
    await ensureTopics(kafka, relayTopics, [logicalTopics.plan], { partitions: 3 });
    await ensureTopics(kafka, rawTopics, [logicalTopics.plan], { partitions: 3 });

    log(`queueing ${events} events, ${eventsPerAggregate} per plan, across 21 tenants`);
    const seedStarted = performance.now();
    const backlog = await queueBacklog({ databases, events, eventsPerAggregate, concurrency: 4 });
    const seedingSeconds = Math.round(performance.now() - seedStarted) / 1000;
    if (backlog.entries.length !== events)
      throw new Error(`queued ${backlog.entries.length} events, not ${events}`);
    log(`queued in ${seedingSeconds} s: ${backlog.aggregates} plans`);

    const raw = createProducer(kafka, serviceTimings);
    producers.push(raw);
    await raw.connect();
    const half = Math.floor(events / 2);
    const rawFirstMs = await sendInBatches(
      raw,
      rawTopics,
      backlog.entries.slice(0, half),
      batchSize,
      serviceTimings.requestTimeoutMs,
    );
    log(`raw producer, first half: ${throughput(half, rawFirstMs).eventsPerSecond} events/s`);

    // as service-runtime.ts: a producer connected at start, then the relay with the service's settings
    const producer = createProducer(kafka, serviceTimings);
    producers.push(producer);
    await producer.connect();
    relay = new OutboxRelay({
      databases,
      producer,
      topics: relayTopics,
      logger,
      pollIntervalMs: Number(productionTiming['RELAY_POLL_MS']),
      scopeListTtlMs: 30_000,
      timings: serviceTimings,
      maxMessageBytes: defaultMaxMessageBytes,
      refusalsBeforeQuarantine: 5,
    });
    const active = relay;
    const drainStarted = performance.now();
    const drain = async () => {
      active.start();
      let lastLog = drainStarted;
      let progress = { onKafka: 0, atMs: drainStarted };
      await until(
        `the relay publishing ${events} events`,
        async () => {
          if (active.stats.quarantined > 0)
            throw new Error(`the relay quarantined ${active.stats.quarantined} entries`);
          const onKafka = await recordsOnTopics(admin, [relayTopic]);
          const now = performance.now();
          if (onKafka > progress.onKafka) progress = { onKafka, atMs: now };
          // slow is a result, stuck is a failure
          else if (now - progress.atMs > stallMs)
            throw new Error(
              `the relay published nothing for ${stallMs / 1000} s at ${onKafka}/${events} (last error: ${active.stats.lastError})`,
            );
          if (now - lastLog > 10_000) {
            lastLog = now;
            log(`relay: ${onKafka}/${events} on Kafka after ${Math.round((now - drainStarted) / 1000)} s`);
          }
          return onKafka >= events;
        },
        // a floor of 10 events/s; a relay that stops altogether fails after stallMs
        Math.max(600_000, events * 100),
        100,
      );
    };
    const cpuProfile = cpuProfileFile
      ? { ...(await profiled(cpuProfileFile, drain)).summary, file: cpuProfileFile }
      : (await drain(), undefined);
    const drainMs = performance.now() - drainStarted;
    log(`relay: ${throughput(events, drainMs).eventsPerSecond} events/s`);
    const outboxEntriesLeft = async () => {
      let left = 0;
      for (const tenant of backlog.tenants) {
        const db = databases.connection(tenantScope(tenant)).db;
        if (!db) throw new Error(`no database for ${tenant}`);
        left += await db
          .collection(backlogPlanModel.collection)
          .countDocuments({ 'outbox.0': { $exists: true } });
      }
      return left;
    };
    // the last document's entries leave its outbox just after their acknowledgement
    const left = await until(
      'the outboxes emptied',
      async () => (await outboxEntriesLeft()) === 0,
      30_000,
      200,
    )
      .then(() => 0)
      .catch(() => outboxEntriesLeft());
    await active.stop();

    const rawSecondMs = await sendInBatches(
      raw,
      rawTopics,
      backlog.entries.slice(half),
      batchSize,
      serviceTimings.requestTimeoutMs,
    );
    const rawMs = rawFirstMs + rawSecondMs;
    const rawOnKafka = await recordsOnTopics(admin, [rawTopic]);
    if (rawOnKafka !== events) throw new Error(`the raw producer left ${rawOnKafka} records, not ${events}`);
    const oneByOneMs = await sendOneByOne(raw, rawTopics, backlog.entries, serviceTimings.requestTimeoutMs);

    const read = await distinctEventIds(kafka, relayTopic, events, Math.max(60_000, events * 2));
    const problems = [
      read.distinct !== events && `${read.distinct} distinct event ids on Kafka, not ${events}`,
      left > 0 && `${left} plans still hold outbox entries`,
      active.stats.published !== events &&
        `the relay counted ${active.stats.published} published, not ${events}`,
    ].filter(Boolean);
    if (problems.length > 0) throw new Error(`relay drain not complete: ${problems.join('; ')}`);

    const relayRate = throughput(events, drainMs);
    const rawRate = throughput(events, rawMs);
    const result = ratio(relayRate.eventsPerSecond, rawRate.eventsPerSecond);
    return {
      benchmark: `outbox relay drain vs a raw kafkajs producer (same records, up to ${batchSize} per awaited request, acks -1)`,
      machine: { before, after: machineLoad() },
      events,
      tenants: backlog.tenants.length,
      aggregates: backlog.aggregates,
      eventsPerAggregate,
      seedingSeconds,
      relay: {
        ...relayRate,
        published: active.stats.published,
        quarantined: active.stats.quarantined,
        failedAttempts: active.stats.failedAttempts,
      },
      rawProducer: { ...rawRate, batchSize },
      rawProducerOneByOne: throughput(events, oneByOneMs),
      checks: {
        distinctEventIdsOnKafka: read.distinct,
        recordsOnKafka: read.records,
        outboxEntriesLeft: left,
      },
      ratio: result,
      ...(cpuProfile ? { cpuProfile } : {}),
      goal: 'relay ≥ 0.25× raw producer',
      met: result >= 0.25,
    };
  } finally {
    await relay?.stop();
    for (const producer of producers) await producer.disconnect().catch(() => undefined);
    for (const scope of await databases.existingScopes().catch(() => []))
      await databases.dropDatabase(scope).catch(() => undefined);
    await root.close();
    const mine = (await admin.listTopics()).filter(
      (t) => t.startsWith(`rb${run}.`) || t.startsWith(`rbraw${run}.`),
    );
    await admin.deleteTopics({ topics: mine }).catch(() => undefined);
    await admin.disconnect();
  }
}

if (require.main === module) {
  const { values } = parseArgs({
    options: {
      events: { type: 'string', default: '100000' },
      'per-aggregate': { type: 'string', default: '5' },
      'cpu-prof': { type: 'string' },
    },
  });
  runRelayDrain({
    events: Number(values.events),
    eventsPerAggregate: Number(values['per-aggregate']),
    cpuProfileFile: values['cpu-prof'],
    log: (line) => process.stderr.write(`${line}\n`),
  }).then(
    (result) => {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      process.exit(result.met ? 0 : 1);
    },
    (err: unknown) => {
      process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
      process.exit(2);
    },
  );
}
