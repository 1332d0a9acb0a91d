import { planSubmittedV1, topics as logicalTopics } from '@tradepilot/contracts';
import { connectDatabase, TenantDatabases, TenantRegistry, tenantScope } from '@tradepilot/tenancy';
import { eventually, infraConnection, PrivateFerretDB, uniqueSuffix } from '@tradepilot/testing';
import type { Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { ConsumerRunner, eventHandler } from './consumer-runner';
import { deterministicId, insertOnce } from './duplicate-guards';
import { createKafka, createProducer } from './kafka-client';
import { silentLogger, submittedEnvelope, testPlanModel } from './test/messaging-fixture';
import { TopicNames } from './topic-names';
import { ensureTopics } from './topic-setup';

// events flow for 10 s, the database is gone (SIGKILL) for 40 s, then back for 10 s more
const ratePerSecond = 5;
const upBeforeMs = 10_000;
const downMs = 40_000;
const upAfterMs = 10_000;

describe('a database killed -9 for 40 s while events flow', () => {
  const run = uniqueSuffix();
  const topics = new TopicNames(`o${run}.`);
  const kafka = createKafka({
    brokers: infraConnection().kafkaBrokers,
    clientId: `outage-${run}`,
    logger: silentLogger,
  });
  const producer = createProducer(kafka);
  let db: PrivateFerretDB;
  let root: Connection;
  let databases: TenantDatabases;
  let runner: ConsumerRunner;

  beforeAll(async () => {
    db = await PrivateFerretDB.start();
    root = await connectDatabase({ url: db.mongoUrl });
    databases = new TenantDatabases(root, {
      service: 'outage',
      databasePrefix: `o${run}_`,
      registry: TenantRegistry.fromSeed(),
      models: [testPlanModel],
    });
    await ensureTopics(kafka, topics, [logicalTopics.plan]);
    await producer.connect();
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
          const plans = await databases.model(tenantScope(event.tenant), testPlanModel);
          await insertOnce(() =>
            plans.create({
              _id: deterministicId(event.id, 'outage-effect'),
              title: event.data.planId,
              status: 'seen',
              appliedEventIds: [],
            }),
          );
        }),
      ],
    });
    await runner.start();
    await eventually(() => runner.isRunning(), { description: 'consumer joined its group' });
  });

  afterAll(async () => {
    await runner?.stop();
    await producer.disconnect();
    await root?.close();
    await db?.close();
    const admin = kafka.admin();
    await admin.connect();
    const mine = (await admin.listTopics()).filter((t) => t.startsWith(`o${run}.`));
    await admin.deleteTopics({ topics: mine }).catch(() => undefined);
    await admin.disconnect();
  });

  it('applies every event exactly once afterwards, with nothing dead-lettered and nobody acting', async () => {
    const tenants = ['guangdong', 'hainan', 'shanghai'];
    const sent: { planId: string; tenant: string }[] = [];
    const started = Date.now();
    const total = ((upBeforeMs + downMs + upAfterMs) / 1000) * ratePerSecond;
    let killed = false;
    let restarted = false;
    for (let i = 0; i < total; i += 1) {
      const elapsed = Date.now() - started;
      if (!killed && elapsed >= upBeforeMs) {
        await db.kill9();
        killed = true;
      }
      if (killed && !restarted && elapsed >= upBeforeMs + downMs) {
        db.start();
        restarted = true;
      }
      const planId = randomUUID();
      const tenant = tenants[i % tenants.length] as string;
      await producer.send({
        topic: topics.physical(logicalTopics.plan),
        acks: -1,
        messages: [
          {
            key: planId,
            value: JSON.stringify(submittedEnvelope(planId, tenant)),
            headers: { 'event-type': 'plan.submitted.v1', tenant },
          },
        ],
      });
      sent.push({ planId, tenant });
      // a steady rate: the next event at its slot, however long the send took
      await delay(Math.max(0, started + ((i + 1) * 1000) / ratePerSecond - Date.now()));
    }
    if (!restarted) db.start();
    expect(killed).toBe(true);

    const applied = async () => {
      let count = 0;
      for (const tenant of tenants) {
        count += await (await databases.model(tenantScope(tenant), testPlanModel)).countDocuments();
      }
      return count;
    };
    await eventually(async () => (await applied()) >= sent.length, {
      description: `all ${sent.length} events applied`,
      timeoutMs: 90_000,
      intervalMs: 1000,
    });
    for (const tenant of tenants) {
      const plans = await databases.model(tenantScope(tenant), testPlanModel);
      const titles = (await plans.find().lean()).map((p) => p.title).sort();
      expect(titles).toEqual(
        sent
          .filter((s) => s.tenant === tenant)
          .map((s) => s.planId)
          .sort(),
      );
    }
    const admin = kafka.admin();
    await admin.connect();
    const dlq = await admin
      .fetchTopicOffsets(topics.deadLetter(logicalTopics.plan))
      .catch(() => [] as { high: string }[]);
    await admin.disconnect();
    expect(dlq.reduce((n, p) => n + Number(p.high), 0)).toBe(0);
    expect(runner.stalledPartitions()).toEqual([]);
  }, 240_000);
});
