import { planSubmittedV1, topics as logicalTopics } from '@tradepilot/contracts';
import { tenantScope } from '@tradepilot/tenancy';
import { eventually } from '@tradepilot/testing';
import type { EachMessagePayload } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { decodeHeaders } from './consumer-runner';
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

describe('outbox and relay on real FerretDB and Kafka', () => {
  let fx: Awaited<ReturnType<typeof messagingFixture>>;
  const guangdong = tenantScope('guangdong');
  const received: {
    key: string;
    headers: Record<string, string>;
    envelope: { id: string; sequence: number; aggregateId: string; type: string };
  }[] = [];

  beforeAll(async () => {
    fx = await messagingFixture();
    const consumer = fx.kafka.consumer({ groupId: `outbox-observer-${fx.run}`, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic: fx.topics.physical(logicalTopics.plan), fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }: EachMessagePayload) => {
        received.push({
          key: message.key?.toString() ?? '',
          headers: decodeHeaders(message.headers),
          envelope: JSON.parse(message.value?.toString() ?? '{}'),
        });
      },
    });
    afterAllDisconnect.push(() => consumer.disconnect());
  });
  const afterAllDisconnect: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const disconnect of afterAllDisconnect) await disconnect();
    await fx.close();
  });

  it('writes the state change and its events in one conditional update; a stale version writes neither', async () => {
    const outbox = new Outbox();
    const plans = await fx.databases.model(guangdong, testPlanModel);
    const id = randomUUID();
    await outbox.create(plans, { _id: id, title: 'draft', status: 'drafting', appliedEventIds: [] }, [], {
      tenant: 'guangdong',
      actor,
    });

    const submitted = await outbox.commit(
      plans,
      { _id: id, version: 1, lastSequence: 0 },
      { $set: { status: 'submitted' } },
      [eventDraft(planSubmittedV1, submittedData(id))],
      { tenant: 'guangdong', actor },
    );
    expect(submitted).toMatchObject({ status: 'submitted', version: 2, lastSequence: 1 });
    expect(submitted?.outbox).toHaveLength(1);
    expect(JSON.parse(submitted?.outbox[0]?.payload ?? '{}')).toMatchObject({
      sequence: 1,
      tenant: 'guangdong',
      aggregateId: id,
    });

    const stale = await outbox.commit(
      plans,
      { _id: id, version: 1, lastSequence: 0 },
      { $set: { status: 'lost' } },
      [eventDraft(planSubmittedV1, submittedData(id, 2))],
      { tenant: 'guangdong', actor },
    );
    expect(stale).toBeNull();
    const stored = await plans.findById(id).lean();
    expect(stored).toMatchObject({ status: 'submitted', version: 2, lastSequence: 1 });
    expect(stored?.outbox).toHaveLength(1);
  });

  it('lets exactly one of several concurrent commits at the same version through (FerretDB updates are not isolated)', async () => {
    const outbox = new Outbox();
    const plans = await fx.databases.model(guangdong, testPlanModel);
    const meta = { tenant: 'guangdong', actor };
    // without the per-document lock, most rounds had two to five winners on FerretDB 1.24
    for (let round = 0; round < 5; round += 1) {
      const id = randomUUID();
      await outbox.create(
        plans,
        { _id: id, title: 'draft', status: 'drafting', appliedEventIds: [] },
        [],
        meta,
      );
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          outbox.commit(
            plans,
            { _id: id, version: 1, lastSequence: 0 },
            { $set: { title: `t${i}` } },
            [],
            meta,
          ),
        ),
      );
      const winners = results.filter((r) => r !== null);
      expect(winners).toHaveLength(1);
      expect(await plans.findById(id).lean()).toMatchObject({ version: 2, title: winners[0]?.title });
    }
  });

  it('refuses an event that breaks its contract, and writes nothing', async () => {
    const outbox = new Outbox();
    const plans = await fx.databases.model(guangdong, testPlanModel);
    const id = randomUUID();
    await outbox.create(plans, { _id: id, title: 'x', status: 'drafting', appliedEventIds: [] }, [], {
      tenant: 'guangdong',
      actor,
    });
    const broken = { ...submittedData(id), submission: 0 };
    await expect(
      outbox.commit(
        plans,
        { _id: id, version: 1, lastSequence: 0 },
        { $set: { status: 'submitted' } },
        [eventDraft(planSubmittedV1, broken)],
        {
          tenant: 'guangdong',
          actor,
        },
      ),
    ).rejects.toThrow('does not match its contract');
    expect(await plans.findById(id).lean()).toMatchObject({ status: 'drafting', version: 1, outbox: [] });
  });

  it('publishes in sequence with key and headers when nudged, then empties the outbox', async () => {
    const relay = new OutboxRelay({
      databases: fx.databases,
      producer: fx.producer,
      topics: fx.topics,
      logger: silentLogger,
      pollIntervalMs: 60_000,
    });
    relay.start();
    try {
      const outbox = new Outbox((tenant) => relay.nudge(tenant));
      const plans = await fx.databases.model(guangdong, testPlanModel);
      const id = randomUUID();
      await outbox.create(
        plans,
        { _id: id, title: 'x', status: 'submitted', appliedEventIds: [] },
        [
          eventDraft(planSubmittedV1, submittedData(id, 1)),
          eventDraft(planSubmittedV1, submittedData(id, 2)),
        ],
        { tenant: 'guangdong', actor },
      );
      await outbox.commit(
        plans,
        { _id: id, version: 1, lastSequence: 2 },
        {},
        [eventDraft(planSubmittedV1, submittedData(id, 3))],
        {
          tenant: 'guangdong',
          actor,
        },
      );

      const mine = await eventually(
        () => {
          const got = received.filter((r) => r.key === id);
          return got.length === 3 && got;
        },
        { description: 'three events of the plan on Kafka' },
      );
      expect(mine.map((m) => m.envelope.sequence)).toEqual([1, 2, 3]);
      expect(mine[0]?.headers).toMatchObject({ 'event-type': 'plan.submitted.v1', tenant: 'guangdong' });
      await eventually(async () => (await plans.findById(id).lean())?.outbox.length === 0, {
        description: 'outbox drained',
      });
    } finally {
      await relay.stop();
    }
  });

  it('publishes what a crashed process left behind once a relay starts (the poll, not the nudge)', async () => {
    const plans = await fx.databases.model(tenantScope('hainan'), testPlanModel);
    const id = randomUUID();
    // written with no relay listening: the process "died" between the write and the publish
    await new Outbox().create(
      plans,
      { _id: id, title: 'x', status: 'submitted', appliedEventIds: [] },
      [eventDraft(planSubmittedV1, submittedData(id))],
      { tenant: 'hainan', actor },
    );
    expect(received.some((r) => r.key === id)).toBe(false);

    const relay = new OutboxRelay({
      databases: fx.databases,
      producer: fx.producer,
      topics: fx.topics,
      logger: silentLogger,
      pollIntervalMs: 100,
    });
    relay.start();
    try {
      const event = await eventually(() => received.find((r) => r.key === id), {
        description: 'left-behind event published',
      });
      expect(event.headers['tenant']).toBe('hainan');
      await eventually(async () => (await plans.findById(id).lean())?.outbox.length === 0, {
        description: 'outbox drained',
      });
      expect(received.filter((r) => r.key === id)).toHaveLength(1);
    } finally {
      await relay.stop();
    }
  });
});
