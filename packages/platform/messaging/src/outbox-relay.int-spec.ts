import { planSubmittedV1, topics as logicalTopics } from '@tradepilot/contracts';
import { tenantScope } from '@tradepilot/tenancy';
import { eventually } from '@tradepilot/testing';
import { ConfigResourceTypes, type EachMessagePayload } from 'kafkajs';
import type { Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { createProducer } from './kafka-client';
import { Outbox } from './outbox';
import { buildOutboxEntries, eventDraft, type OutboxEntry } from './outbox-entry';
import { OutboxLeases } from './outbox-leases';
import { listQuarantine, requestQuarantineReplay } from './outbox-quarantine';
import { OutboxRelay } from './outbox-relay';
import {
  actor,
  messagingFixture,
  silentLogger,
  submittedData,
  testPlanModel,
  type TestPlan,
} from './test/messaging-fixture';

/** A submitted plan of Guangdong written through `outbox` (which decides whom it tells); its id. */
async function writeSubmitted(outbox: Outbox, plans: Model<TestPlan>) {
  const id = randomUUID();
  await outbox.create(
    plans,
    { _id: id, title: id, status: 'submitted', appliedEventIds: [] },
    [eventDraft(planSubmittedV1, submittedData(id, 1))],
    { tenant: 'guangdong', actor },
  );
  return id;
}

describe('outbox relays on real FerretDB and Kafka: leases, order, quarantine', () => {
  let fx: Awaited<ReturnType<typeof messagingFixture>>;
  const received: { key: string; bytes: number; envelope: { id: string; sequence: number } }[] = [];
  const closing: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    fx = await messagingFixture();
    const consumer = fx.kafka.consumer({ groupId: `relay-observer-${fx.run}`, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic: fx.topics.physical(logicalTopics.plan), fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }: EachMessagePayload) => {
        received.push({
          key: message.key?.toString() ?? '',
          bytes: message.value?.length ?? 0,
          envelope: JSON.parse(message.value?.toString() ?? '{}'),
        });
      },
    });
    closing.push(() => consumer.disconnect());
  });
  afterAll(async () => {
    for (const close of closing.reverse()) await close();
    await fx.close();
  });

  const relayOn = async (options: Partial<ConstructorParameters<typeof OutboxRelay>[0]> = {}) => {
    const producer = createProducer(fx.kafka);
    await producer.connect();
    const relay = new OutboxRelay({
      databases: fx.databases,
      producer,
      topics: fx.topics,
      logger: silentLogger,
      pollIntervalMs: 60_000,
      ...options,
    });
    closing.push(async () => {
      await relay.stop();
      await producer.disconnect();
    });
    return relay;
  };

  it('two relays on one outbox under concurrent commits: every event published once, in order per key', async () => {
    const relays = [await relayOn({ pollIntervalMs: 20 }), await relayOn({ pollIntervalMs: 20 })];
    for (const relay of relays) relay.start();
    const outbox = new Outbox((tenant) => relays.forEach((r) => r.nudge(tenant)));
    const plans = await fx.databases.model(tenantScope('guangdong'), testPlanModel);
    const ids: string[] = Array.from({ length: 8 }, () => randomUUID());
    const rounds = 8;
    await Promise.all(
      ids.map((id) =>
        outbox.create(
          plans,
          { _id: id, title: id, status: 'submitted', appliedEventIds: [] },
          [eventDraft(planSubmittedV1, submittedData(id, 1))],
          { tenant: 'guangdong', actor },
        ),
      ),
    );
    for (let round = 2; round <= rounds; round += 1) {
      await Promise.all(
        ids.map((id) =>
          outbox.commit(
            plans,
            { _id: id, version: round - 1, lastSequence: round - 1 },
            {},
            [eventDraft(planSubmittedV1, submittedData(id, round))],
            { tenant: 'guangdong', actor },
          ),
        ),
      );
    }
    const expected = ids.length * rounds;
    await eventually(() => received.filter((r) => ids.includes(r.key)).length >= expected, {
      description: `${expected} events on Kafka`,
      timeoutMs: 60_000,
    });
    const pendingEntries = async (id: string) => (await plans.findById(id).lean())?.outbox.length ?? 0;
    await eventually(async () => (await Promise.all(ids.map(pendingEntries))).every((n) => n === 0), {
      description: 'outboxes drained',
    });
    for (const id of ids) {
      // arrival order on the key's partition is publishing order
      expect(received.filter((r) => r.key === id).map((r) => r.envelope.sequence)).toEqual(
        Array.from({ length: rounds }, (_, i) => i + 1),
      );
    }
    // the leases kept the relays off each other's documents: nothing was sent twice
    expect(relays[0]!.stats.published + relays[1]!.stats.published).toBe(expected);
    // every lease was given back
    for (const relay of relays) await relay.stop();
    const leases = OutboxLeases.collection(plans.db.db!);
    expect(await leases.countDocuments({ owner: { $in: relays.map((r) => r.owner) } })).toBe(0);
  }, 120_000);

  it('polls the tenant databases it listed, lists them again after the TTL, and takes a nudged tenant at once', async () => {
    // a relay that listed before these tenants had databases: one learns of its tenant by a nudge,
    // the other by listing again once the TTL passed
    const nudged = await relayOn({ pollIntervalMs: 20, scopeListTtlMs: 600_000 });
    const relisting = await relayOn({ pollIntervalMs: 20, scopeListTtlMs: 300 });
    nudged.start();
    relisting.start();
    const unannounced = new Outbox(() => undefined);
    const write = async (tenant: string) => {
      const id = randomUUID();
      await unannounced.create(
        await fx.databases.model(tenantScope(tenant), testPlanModel),
        { _id: id, title: id, status: 'submitted', appliedEventIds: [] },
        [eventDraft(planSubmittedV1, submittedData(id, 1))],
        { tenant, actor },
      );
      return id;
    };
    await relisting.stop();
    const first = await write('tianjin');
    nudged.nudge('tianjin');
    await eventually(() => received.some((r) => r.key === first), {
      description: 'the nudged tenant published',
    });
    const second = await write('hainan');
    relisting.start();
    await eventually(() => received.some((r) => r.key === second), {
      description: 'a tenant found by listing again',
    });
    // each by its own relay: the one with the long TTL did not list again
    expect(nudged.stats.published).toBe(1);
    expect(relisting.stats.published).toBe(1);
    // polling relays would take the next tests' documents
    await nudged.stop();
    await relisting.stop();
  });

  it('backs off while it finds nothing, and still catches a leftover nobody announced', async () => {
    // listing at every poll: the leftover is in a database the relay has not seen yet
    const relay = await relayOn({ pollIntervalMs: 20, idlePollMaxMs: 320, scopeListTtlMs: 0 });
    relay.start();
    await eventually(() => relay.pollWaitMs === 320, {
      description: 'the idle poll backed off to its longest wait',
    });
    const plans = await fx.databases.model(tenantScope('jiangsu'), testPlanModel);
    const id = randomUUID();
    await new Outbox(() => undefined).create(
      plans,
      { _id: id, title: id, status: 'submitted', appliedEventIds: [] },
      [eventDraft(planSubmittedV1, submittedData(id, 1))],
      { tenant: 'jiangsu', actor },
    );
    await eventually(() => received.some((r) => r.key === id), { description: 'the leftover published' });
    await eventually(() => relay.pollWaitMs === 320, { description: 'idle again, backed off again' });
    await relay.stop();
  });

  it('a document another relay holds cuts an idle wait short: it is taken over once let go', async () => {
    // an idle wait of ten minutes: without the cut, the document would wait that long
    const relay = await relayOn({ pollIntervalMs: 20, idlePollMaxMs: 600_000 });
    relay.start();
    await eventually(() => relay.pollWaitMs >= 5120, { description: 'the idle poll backed off' });
    const plans = await fx.databases.model(tenantScope('sichuan'), testPlanModel);
    const id = randomUUID();
    const other = new OutboxLeases('another-relay', 600_000);
    const leases = OutboxLeases.collection(plans.db.db!);
    const key = OutboxLeases.key(plans.collection.collectionName, id);
    expect(await other.acquire(leases, key)).toBe(true);
    await new Outbox((tenant, written) => relay.nudge(tenant, written)).create(
      plans,
      { _id: id, title: id, status: 'submitted', appliedEventIds: [] },
      [eventDraft(planSubmittedV1, submittedData(id, 1))],
      { tenant: 'sichuan', actor },
    );
    expect(received.some((r) => r.key === id)).toBe(false);
    // the other relay dies without publishing; its lease is gone
    await other.release(leases, key);
    // well within the idle wait under way (over 4 s left): only a cut wait publishes in time
    await eventually(() => received.some((r) => r.key === id), {
      description: 'published by the relay that had backed off',
      timeoutMs: 3000,
    });
    await relay.stop();
  });

  it('publishes the document a write names without looking through the tenant for others', async () => {
    const relay = await relayOn();
    relay.start();
    await relay.sweep();
    const plans = await fx.databases.model(tenantScope('guangdong'), testPlanModel);
    const write = (outbox: Outbox) => writeSubmitted(outbox, plans);
    // a leftover nobody announced, then a write that names its document
    const leftover = await write(new Outbox(() => undefined));
    const named = await write(new Outbox((tenant, written) => relay.nudge(tenant, written)));
    await eventually(() => received.some((r) => r.key === named), {
      description: 'the named document published',
    });
    expect(relay.stats.published).toBe(1);
    expect((await plans.findById(leftover).lean())?.outbox).toHaveLength(1);
    // the poll (a whole-tenant drain) still finds the leftover
    await relay.sweep();
    await eventually(() => received.some((r) => r.key === leftover), {
      description: 'the leftover published',
    });
  });

  it('publishes the documents named while it was busy together, a page at a time, not one by one', async () => {
    const producer = createProducer(fx.kafka);
    await producer.connect();
    // the real producer, counting its requests
    let requests = 0;
    const sendBatch = producer.sendBatch.bind(producer);
    producer.sendBatch = (batch) => {
      requests += 1;
      return sendBatch(batch);
    };
    const relay = await relayOn({ producer });
    closing.push(() => producer.disconnect());
    relay.start();
    await relay.sweep();
    const plans = await fx.databases.model(tenantScope('guangdong'), testPlanModel);
    const nudges: (() => void)[] = [];
    const outbox = new Outbox((tenant, written) => nudges.push(() => relay.nudge(tenant, written)));
    const ids: string[] = [];
    for (let i = 0; i < 30; i += 1) ids.push(await writeSubmitted(outbox, plans));
    requests = 0;
    // thirty commits announced at once: the two workers take one each, the rest wait as one page
    for (const nudge of nudges) nudge();
    await eventually(() => ids.every((id) => received.some((r) => r.key === id)), {
      description: 'the thirty named documents published',
    });
    expect(requests).toBeLessThanOrEqual(4);
    for (const id of ids) expect((await plans.findById(id).lean())?.outbox).toHaveLength(0);
  });

  it('publishes a document just written while a backlog drains, and clears the backlog page by page', async () => {
    const backlog = await fx.databases.model(tenantScope('zhejiang'), testPlanModel);
    const ids: string[] = Array.from({ length: 1000 }, () => randomUUID());
    await backlog.insertMany(
      ids.map((id) => ({
        _id: id,
        title: id,
        status: 'submitted',
        appliedEventIds: [],
        version: 1,
        lastSequence: 1,
        outbox: buildOutboxEntries(id, 0, [eventDraft(planSubmittedV1, submittedData(id, 1))], {
          tenant: 'zhejiang',
          actor,
        }),
        relayLeaseUntil: null,
      })),
    );
    const inBacklog = new Set(ids);
    const relay = await relayOn();
    relay.start();
    // the tenant's database is newer than the listing the relay may reuse: a nudge names it
    relay.nudge('zhejiang');
    await eventually(() => received.some((r) => inBacklog.has(r.key)), {
      description: 'the backlog draining',
    });
    const plans = await fx.databases.model(tenantScope('guangdong'), testPlanModel);
    const named = randomUUID();
    await new Outbox((tenant, written) => relay.nudge(tenant, written)).create(
      plans,
      { _id: named, title: named, status: 'submitted', appliedEventIds: [] },
      [eventDraft(planSubmittedV1, submittedData(named, 1))],
      { tenant: 'guangdong', actor },
    );
    await eventually(() => received.some((r) => r.key === named), {
      description: 'the written document published',
      intervalMs: 5,
    });
    // it did not wait for the drain to end
    expect(await backlog.collection.countDocuments({ 'outbox.0': { $exists: true } })).toBeGreaterThan(0);
    await eventually(
      () => new Set(received.filter((r) => inBacklog.has(r.key)).map((r) => r.key)).size === ids.length,
      {
        description: 'the whole backlog published',
        timeoutMs: 60_000,
      },
    );
    await eventually(
      async () => (await backlog.collection.countDocuments({ 'outbox.0': { $exists: true } })) === 0,
      {
        description: 'the backlog outboxes emptied',
      },
    );
    await relay.stop();
  }, 120_000);

  it("leaves a document another relay's live lease holds, and takes over a lease whose relay died", async () => {
    const relay = await relayOn();
    const plans = await fx.databases.model(tenantScope('tianjin'), testPlanModel);
    const id = randomUUID();
    await new Outbox().create(
      plans,
      { _id: id, title: id, status: 'submitted', appliedEventIds: [] },
      [eventDraft(planSubmittedV1, submittedData(id))],
      { tenant: 'tianjin', actor },
    );
    const leases = OutboxLeases.collection(plans.db.db!);
    const key = OutboxLeases.key(plans.collection.collectionName, id);
    await leases.insertOne({ _id: key, owner: 'another-relay', until: new Date(Date.now() + 3_600_000) });
    await relay.sweep();
    expect((await plans.findById(id).lean())?.outbox).toHaveLength(1);
    // the other relay's lease is still its own: a release checks the owner
    expect(await leases.findOne({ _id: key })).toMatchObject({ owner: 'another-relay' });

    await leases.updateOne({ _id: key }, { $set: { until: new Date(Date.now() - 1000) } });
    await relay.sweep();
    await eventually(() => received.some((r) => r.key === id), {
      description: 'published after the takeover',
    });
    expect((await plans.findById(id).lean())?.outbox).toEqual([]);
    expect(await leases.findOne({ _id: key })).toBeNull();
  }, 60_000);

  /** an aggregate written with entries as they are stored; `padding` bytes make one too large */
  async function aggregateWith(tenant: string, id: string, paddings: number[]) {
    const plans = await fx.databases.model(tenantScope(tenant), testPlanModel);
    const drafts = paddings.map((_, i) => eventDraft(planSubmittedV1, submittedData(id, i + 1)));
    const entries = buildOutboxEntries(id, 0, drafts, { tenant, actor }).map(
      (entry, i): OutboxEntry =>
        paddings[i]
          ? {
              ...entry,
              payload: JSON.stringify({ ...JSON.parse(entry.payload), padding: 'x'.repeat(paddings[i]!) }),
            }
          : entry,
    );
    await plans.create({
      _id: id,
      title: id,
      status: 'submitted',
      appliedEventIds: [],
      version: 1,
      lastSequence: entries.length,
      outbox: entries,
      relayLeaseUntil: null,
    });
    return { plans, entries };
  }

  it('quarantines an event the broker refuses as too large, publishes the other documents, and replays it after the fix', async () => {
    const topic = fx.topics.physical(logicalTopics.plan);
    const admin = fx.kafka.admin();
    await admin.connect();
    const maxMessageBytes = async (value: string) =>
      admin.alterConfigs({
        validateOnly: false,
        resources: [
          {
            type: ConfigResourceTypes.TOPIC,
            name: topic,
            configEntries: [{ name: 'max.message.bytes', value }],
          },
        ],
      });
    try {
      await maxMessageBytes('20000');
      // the relay believes the broker takes 1 MiB: the broker's refusal is what it meets
      const relay = await relayOn();
      const run = randomUUID();
      // ids sort the oversized document first: the sweep must not stop there
      const big = await aggregateWith('hainan', `0-${run}`, [40_000, 0]);
      await aggregateWith('hainan', `1-${run}`, [0]);
      await aggregateWith('hainan', `2-${run}`, [0, 0]);
      await relay.sweep();

      const bigEvent = big.entries[0]!;
      // the refused request is sent again entry by entry: a partition the broker had taken from
      // it is published twice (at least once; the consumers' guards absorb the second)
      await eventually(
        () =>
          new Set(received.filter((r) => [`1-${run}`, `2-${run}`].includes(r.key)).map((r) => r.envelope.id))
            .size === 3 && received.some((r) => r.envelope.id === big.entries[1]!.id),
        { description: 'the other documents and the entry after the refused one published' },
      );
      expect(received.some((r) => r.envelope.id === bigEvent.id)).toBe(false);
      for (const id of [0, 1, 2].map((n) => `${n}-${run}`)) {
        expect((await big.plans.findById(id).lean())?.outbox).toEqual([]);
      }
      const quarantined = (await listQuarantine(fx.databases)).find((q) => q.eventId === bigEvent.id);
      expect(quarantined).toMatchObject({
        tenant: 'hainan',
        aggregateId: `0-${run}`,
        eventType: 'plan.submitted.v1',
        reason: 'too-large',
        replayRequestedAt: null,
      });
      expect(quarantined?.error).toMatch(/max message size|too large/i);
      expect(relay.stats.quarantined).toBe(1);

      // the fix: the topic takes larger records; an operator replays the entry (again, while the
      // broker has not applied the new limit yet: each refusal keeps it quarantined with the error)
      await maxMessageBytes('1048588');
      const replay = () =>
        requestQuarantineReplay(fx.databases, tenantScope('hainan'), bigEvent.id, 'operator', new Date());
      expect(await replay()).toBe(true);
      const replayed = await eventually(
        async () => {
          const arrived = received.find((r) => r.envelope.id === bigEvent.id);
          if (arrived) return arrived;
          await relay.sweep();
          // a refused replay stays quarantined with its request cleared: ask again (once published
          // and out of quarantine there is nothing to ask for, while the record is on its way)
          await replay();
          return undefined;
        },
        { description: 'the quarantined event published after the fix', timeoutMs: 60_000, intervalMs: 1000 },
      );
      expect(replayed.bytes).toBeGreaterThan(40_000);
      expect((await listQuarantine(fx.databases)).some((q) => q.eventId === bigEvent.id)).toBe(false);
      expect(
        await requestQuarantineReplay(
          fx.databases,
          tenantScope('hainan'),
          bigEvent.id,
          'operator',
          new Date(),
        ),
      ).toBe(false);
    } finally {
      await maxMessageBytes('1048588').catch(() => undefined);
      await admin.disconnect();
    }
  }, 120_000);

  it('quarantines an event larger than the configured broker maximum without sending it', async () => {
    const relay = await relayOn({ maxMessageBytes: 10_000 });
    const id = randomUUID();
    const { plans, entries } = await aggregateWith('shanghai', id, [20_000, 0]);
    await relay.sweep();
    await eventually(() => received.some((r) => r.envelope.id === entries[1]!.id), {
      description: 'the entry after the oversized one published',
    });
    expect(received.some((r) => r.envelope.id === entries[0]!.id)).toBe(false);
    expect(relay.stats).toMatchObject({ quarantined: 1, failedAttempts: 0 });
    expect((await plans.findById(id).lean())?.outbox).toEqual([]);
    const quarantined = (await listQuarantine(fx.databases)).find((q) => q.eventId === entries[0]!.id);
    expect(quarantined).toMatchObject({ reason: 'too-large', tenant: 'shanghai', attempts: 0 });
    expect(quarantined?.error).toContain('the broker accepts 10000');
  }, 60_000);

  it('quarantines an entry the broker refuses again and again (a topic it does not have) and goes on with the others', async () => {
    const relay = await relayOn({ refusalsBeforeQuarantine: 2 });
    const run = randomUUID();
    const { plans, entries } = await aggregateWith('chongqing', `0-${run}`, [0]);
    const stray = { ...entries[0]!, id: randomUUID(), topic: 'plans.no-such-topic' };
    await plans.updateOne({ _id: `0-${run}` }, { $set: { outbox: [stray] } });
    const other = await aggregateWith('chongqing', `1-${run}`, [0]);
    await relay.sweep();
    // refused once: kept in the outbox, the other document published all the same
    await eventually(() => received.some((r) => r.envelope.id === other.entries[0]!.id), {
      description: 'the other document published',
    });
    expect((await plans.findById(`0-${run}`).lean())?.outbox).toHaveLength(1);
    expect(relay.stats.quarantined).toBe(0);
    await relay.sweep();
    expect((await plans.findById(`0-${run}`).lean())?.outbox).toEqual([]);
    const quarantined = (await listQuarantine(fx.databases)).find((q) => q.eventId === stray.id);
    expect(quarantined).toMatchObject({
      reason: 'refused',
      attempts: 2,
      tenant: 'chongqing',
      topic: 'plans.no-such-topic',
    });
    expect(relay.stats).toMatchObject({ quarantined: 1, brokerUnavailable: false });
  }, 120_000);
});
