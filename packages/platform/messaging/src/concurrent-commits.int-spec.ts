import { planSubmittedV1, topics as logicalTopics } from '@tradepilot/contracts';
import { connectDatabase, TenantDatabases, TenantRegistry, tenantScope } from '@tradepilot/tenancy';
import { eventually, infraConnection } from '@tradepilot/testing';
import type { Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { Outbox } from './outbox';
import { eventDraft } from './outbox-entry';
import { OutboxRelay } from './outbox-relay';
import {
  actor,
  messagingFixture,
  silentLogger,
  submittedData,
  testPlanModel,
} from './test/messaging-fixture';
import { claimsCollectionName, versionClaimId } from './version-claims';

const guangdong = tenantScope('guangdong');
const meta = { tenant: 'guangdong', actor };

describe('concurrent commits to one document on FerretDB', () => {
  let fx: Awaited<ReturnType<typeof messagingFixture>>;
  const received: { key: string; sequence: number; submission: number }[] = [];
  const connections: Connection[] = [];

  beforeAll(async () => {
    fx = await messagingFixture();
    const consumer = fx.kafka.consumer({ groupId: `commits-observer-${fx.run}`, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic: fx.topics.physical(logicalTopics.plan), fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const envelope = JSON.parse(message.value?.toString() ?? '{}');
        received.push({
          key: message.key?.toString() ?? '',
          sequence: envelope.sequence,
          submission: envelope.data.submission,
        });
      },
    });
    disconnect = () => consumer.disconnect();
  });
  let disconnect: () => Promise<void> = async () => undefined;
  afterAll(async () => {
    await disconnect();
    for (const c of connections) await c.close();
    await fx.close();
  });

  /** Another process's view of the same databases: its own connection pool, outbox and relay. */
  async function instance(): Promise<{ databases: TenantDatabases; outbox: Outbox; relay: OutboxRelay }> {
    const root = await connectDatabase({ url: infraConnection().mongoUrl });
    connections.push(root);
    const databases = new TenantDatabases(root, {
      service: 'msgtest',
      databasePrefix: `m${fx.run}_`,
      registry: TenantRegistry.fromSeed(),
      models: [testPlanModel],
    });
    const relay = new OutboxRelay({
      databases,
      producer: fx.producer,
      topics: fx.topics,
      logger: silentLogger,
      pollIntervalMs: 200,
    });
    return { databases, outbox: new Outbox((tenant) => relay.nudge(tenant)), relay };
  }

  it('every commit that reports success is kept: none is lost to a concurrent one', async () => {
    const outbox = new Outbox();
    const plans = await fx.databases.model(guangdong, testPlanModel);
    const id = randomUUID();
    await outbox.create(
      plans,
      { _id: id, title: 'draft', status: 'drafting', appliedEventIds: [] },
      [],
      meta,
    );
    const writers = 20;
    let succeeded = 0;
    await Promise.all(
      Array.from({ length: writers }, async (_, i) => {
        for (;;) {
          const current = await plans.findById(id).lean();
          if (!current) throw new Error('gone');
          const updated = await outbox.commit(
            plans,
            current,
            { $push: { appliedEventIds: `w${i}` } },
            [],
            meta,
          );
          if (updated) {
            succeeded += 1;
            return;
          }
        }
      }),
    );
    const final = await plans.findById(id).lean();
    expect(succeeded).toBe(writers);
    expect(final?.version).toBe(writers + 1);
    expect([...(final?.appliedEventIds ?? [])].sort()).toEqual(
      Array.from({ length: writers }, (_, i) => `w${i}`).sort(),
    );
    // a claim lives as long as its write: none is left behind
    expect(await plans.db.collection(claimsCollectionName('plans')).countDocuments({ aggregateId: id })).toBe(
      0,
    );
  });

  it('two instances, each with its relay, committing events to one document: every success is kept and published once', async () => {
    const [a, b] = [await instance(), await instance()];
    a.relay.start();
    b.relay.start();
    try {
      const models = [
        await a.databases.model(guangdong, testPlanModel),
        await b.databases.model(guangdong, testPlanModel),
      ];
      const id = randomUUID();
      await a.outbox.create(
        models[0] as (typeof models)[0],
        { _id: id, title: 'draft', status: 'drafting', appliedEventIds: [] },
        [],
        meta,
      );
      const writers = 12;
      const wins: number[] = [];
      let conflicts = 0;
      await Promise.all(
        Array.from({ length: writers }, async (_, i) => {
          const side = i % 2 === 0 ? a : b;
          const plans = models[i % 2] as (typeof models)[0];
          for (;;) {
            const current = await plans.findById(id).lean();
            if (!current) throw new Error('gone');
            const updated = await side.outbox.commit(
              plans,
              current,
              { $push: { appliedEventIds: `w${i}` } },
              [eventDraft(planSubmittedV1, submittedData(id, i + 1))],
              meta,
            );
            if (updated) {
              wins.push(updated.version);
              return;
            }
            conflicts += 1;
          }
        }),
      );
      // no two writers were told they made the same version
      expect(new Set(wins).size).toBe(writers);
      const final = await eventually(
        async () => {
          const doc = await (models[0] as (typeof models)[0]).findById(id).lean();
          return doc?.outbox.length === 0 && doc;
        },
        { description: 'both relays drained the document' },
      );
      expect(final.version).toBe(writers + 1);
      expect([...final.appliedEventIds].sort()).toEqual(
        Array.from({ length: writers }, (_, i) => `w${i}`).sort(),
      );
      const mine = await eventually(
        () => {
          const got = received.filter((r) => r.key === id);
          return got.length >= writers && got;
        },
        { description: 'every committed event on Kafka' },
      );
      expect(mine.map((m) => m.submission).sort((x, y) => x - y)).toEqual(
        Array.from({ length: writers }, (_, i) => i + 1),
      );
      expect(mine.map((m) => m.sequence)).toEqual(Array.from({ length: writers }, (_, i) => i + 1));
      expect(conflicts).toBeGreaterThan(0);
    } finally {
      await a.relay.stop();
      await b.relay.stop();
    }
  });

  it('a claim left by a crashed writer blocks its version only until it is stale', async () => {
    const plans = await fx.databases.model(guangdong, testPlanModel);
    const id = randomUUID();
    const outbox = new Outbox();
    await outbox.create(
      plans,
      { _id: id, title: 'draft', status: 'drafting', appliedEventIds: [] },
      [],
      meta,
    );
    const claims = plans.db.collection(claimsCollectionName('plans'));
    const left = {
      _id: versionClaimId(id, 2),
      aggregateId: id,
      version: 2,
      owner: 'crashed',
      kind: 'change',
    };
    await claims.insertOne({ ...left, at: new Date() } as never);
    const current = { _id: id, version: 1, lastSequence: 0 };
    expect(await outbox.commit(plans, current, { $set: { title: 'blocked' } }, [], meta)).toBeNull();
    await claims.updateOne({ _id: left._id } as never, { $set: { at: new Date(Date.now() - 60_000) } });
    const taken = await outbox.commit(plans, current, { $set: { title: 'after the crash' } }, [], meta);
    expect(taken).toMatchObject({ version: 2, title: 'after the crash' });
    expect(await claims.countDocuments({ aggregateId: id })).toBe(0);
  });
});
