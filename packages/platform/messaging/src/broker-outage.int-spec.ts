import { planSubmittedV1, systemActor, topics as logicalTopics } from '@tradepilot/contracts';
import {
  connectDatabase,
  defineModel,
  TenantDatabases,
  TenantRegistry,
  tenantScope,
} from '@tradepilot/tenancy';
import { eventually, infraConnection, PrivateKafka, uniqueSuffix } from '@tradepilot/testing';
import { Schema, type Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { ConsumerRunner, eventHandler } from './consumer-runner';
import { deterministicId, insertOnce } from './duplicate-guards';
import { createKafka, createProducer } from './kafka-client';
import { Outbox } from './outbox';
import { eventDraft } from './outbox-entry';
import { OutboxRelay } from './outbox-relay';
import { silentLogger, submittedData, testPlanModel } from './test/messaging-fixture';
import { TopicNames } from './topic-names';
import { ensureTopics } from './topic-setup';

/** What the consumer's effect leaves: one document per event, under an id derived from it. */
interface Effect {
  _id: string;
  planId: string;
}
const effectModel = defineModel<Effect>({
  name: 'OutageEffect',
  collection: 'effects',
  placement: 'tenant',
  schema: new Schema<Effect>({ _id: String, planId: String }),
});

// commands land at a steady rate for 10 s, the broker is gone (SIGKILL) for 40 s, then 10 s more
const ratePerSecond = 5;
const upBeforeMs = 10_000;
const downMs = 40_000;
const upAfterMs = 10_000;

describe('a broker killed -9 for 40 s while changes are committed', () => {
  const run = uniqueSuffix();
  const topics = new TopicNames(`b${run}.`);
  let broker: PrivateKafka;
  let root: Connection;
  let databases: TenantDatabases;
  let relay: OutboxRelay;
  let runner: ConsumerRunner;
  let producer: ReturnType<typeof createProducer>;

  beforeAll(async () => {
    broker = await PrivateKafka.start();
    const kafka = createKafka({ brokers: broker.brokers, clientId: `outage-${run}`, logger: silentLogger });
    root = await connectDatabase({ url: infraConnection().mongoUrl });
    databases = new TenantDatabases(root, {
      service: 'brokeroutage',
      databasePrefix: `b${run}_`,
      registry: TenantRegistry.fromSeed(),
      models: [testPlanModel, effectModel],
    });
    await ensureTopics(kafka, topics, [logicalTopics.plan]);
    producer = createProducer(kafka);
    await producer.connect();
    relay = new OutboxRelay({
      databases,
      producer,
      topics,
      logger: silentLogger,
      pollIntervalMs: 500,
    });
    relay.start();
    runner = new ConsumerRunner({
      kafka,
      groupId: `outage-${run}`,
      topics,
      producer,
      logger: silentLogger,
      retries: 2,
      backoffMs: 50,
      handlers: [
        eventHandler(planSubmittedV1, async (event) => {
          const effects = await databases.model(tenantScope(event.tenant), effectModel);
          await insertOnce(() =>
            effects.create({ _id: deterministicId(event.id, 'outage-effect'), planId: event.data.planId }),
          );
        }),
      ],
    });
    await runner.start();
    await eventually(() => runner.isRunning(), {
      description: 'consumer joined its group',
      timeoutMs: 120_000,
      intervalMs: 500,
    });
  }, 300_000);

  afterAll(async () => {
    await runner?.stop();
    await relay?.stop();
    await producer?.disconnect();
    for (const scope of (await databases?.existingScopes()) ?? []) await databases.dropDatabase(scope);
    await root?.close();
    broker?.remove();
  });

  /** A broker recovering from SIGKILL on a loaded machine may outlast the script's own wait. */
  async function restart() {
    try {
      broker.start();
    } catch {
      // the script stopped waiting, not the broker starting: wait on below
    }
    await eventually(() => broker.answering(), {
      description: 'broker back',
      timeoutMs: 180_000,
      intervalMs: 2000,
    });
  }

  it('publishes and applies every committed change exactly once afterwards, nothing dead-lettered', async () => {
    const outbox = new Outbox((tenant) => relay.nudge(tenant));
    const tenants = ['guangdong', 'hainan', 'shanghai'];
    const created: { planId: string; tenant: string }[] = [];
    const started = Date.now();
    const total = ((upBeforeMs + downMs + upAfterMs) / 1000) * ratePerSecond;
    let killed = false;
    let restarted = false;
    for (let i = 0; i < total; i += 1) {
      const elapsed = Date.now() - started;
      if (!killed && elapsed >= upBeforeMs) {
        await broker.kill9();
        killed = true;
      }
      if (killed && !restarted && elapsed >= upBeforeMs + downMs) {
        await restart();
        restarted = true;
      }
      const planId = randomUUID();
      const tenant = tenants[i % tenants.length] as string;
      const plans = await databases.model(tenantScope(tenant), testPlanModel);
      // the command's write never needs the broker: the event waits in the document's outbox
      await outbox.create(
        plans,
        { _id: planId, title: planId, status: 'submitted', appliedEventIds: [] },
        [eventDraft(planSubmittedV1, submittedData(planId))],
        { tenant, actor: systemActor('plans') },
      );
      created.push({ planId, tenant });
      await delay(Math.max(0, started + ((i + 1) * 1000) / ratePerSecond - Date.now()));
    }
    if (!restarted) await restart();
    expect(killed).toBe(true);

    const applied = async () => {
      let count = 0;
      for (const tenant of tenants) {
        count += await (await databases.model(tenantScope(tenant), effectModel)).countDocuments();
      }
      return count;
    };
    await eventually(async () => (await applied()) >= created.length, {
      description: `all ${created.length} events applied`,
      timeoutMs: 120_000,
      intervalMs: 1000,
    });
    for (const tenant of tenants) {
      const effects = await databases.model(tenantScope(tenant), effectModel);
      const planIds = (await effects.find().lean()).map((e) => e.planId).sort();
      expect(planIds).toEqual(
        created
          .filter((c) => c.tenant === tenant)
          .map((c) => c.planId)
          .sort(),
      );
      const plans = await databases.model(tenantScope(tenant), testPlanModel);
      expect((await plans.find().lean()).filter((p) => p.outbox.length > 0)).toEqual([]);
    }
    const admin = createKafka({
      brokers: broker.brokers,
      clientId: `check-${run}`,
      logger: silentLogger,
    }).admin();
    await admin.connect();
    const dlq = await admin
      .fetchTopicOffsets(topics.deadLetter(logicalTopics.plan))
      .catch(() => [] as { high: string }[]);
    await admin.disconnect();
    expect(dlq.reduce((n, p) => n + Number(p.high), 0)).toBe(0);
    expect(runner.stalledPartitions()).toEqual([]);
    // an outage quarantines nothing: every entry was published, none set aside
    expect(relay.stats.quarantined).toBe(0);
  }, 480_000);
});
