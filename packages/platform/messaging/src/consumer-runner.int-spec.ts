import { approvalCaseCompletedV1, planSubmittedV1, topics as logicalTopics } from '@tradepilot/contracts';
import { requireTenant } from '@tradepilot/context';
import { tenantScope } from '@tradepilot/tenancy';
import { eventually } from '@tradepilot/testing';
import mongoose from 'mongoose';
import { randomUUID } from 'node:crypto';
import { ConsumerRunner, decodeHeaders, eventHandler, replayHeaders } from './consumer-runner';
import { replayDeadLetters } from './dead-letter-replay';
import { deterministicId, insertOnce } from './duplicate-guards';
import {
  messagingFixture,
  silentLogger,
  submittedData,
  testPlanModel,
  submittedEnvelope,
} from './test/messaging-fixture';

describe('consumer runner on real Kafka', () => {
  let fx: Awaited<ReturnType<typeof messagingFixture>>;
  let runner: ConsumerRunner;
  const handled: { planId: string; tenant: string; contextTenant: string }[] = [];
  /** plan ids whose handling fails until they are removed (a bug that gets fixed) */
  const failing = new Set<string>();
  /** plan ids whose handling meets a database outage this many more times */
  const outage = new Map<string, number>();
  /** what a second handler of the same event type saw */
  const secondHandler: string[] = [];
  let unreachable: Error;
  const topic = () => fx.topics.physical(logicalTopics.plan);

  const envelope = submittedEnvelope;

  const publish = (key: string, value: unknown, headers: Record<string, string>, to = topic()) =>
    fx.producer.send({
      topic: to,
      acks: -1,
      messages: [{ key, value: typeof value === 'string' ? value : JSON.stringify(value), headers }],
    });

  async function deadLetters(
    of: string = logicalTopics.plan,
  ): Promise<{ key: string; headers: Record<string, string>; value: string }[]> {
    const letters: { key: string; headers: Record<string, string>; value: string }[] = [];
    const consumer = fx.kafka.consumer({ groupId: `dlq-reader-${randomUUID()}`, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic: fx.topics.deadLetter(of), fromBeginning: true });
    const admin = fx.kafka.admin();
    await admin.connect();
    const total = (await admin.fetchTopicOffsets(fx.topics.deadLetter(of))).reduce(
      (n, p) => n + Number(p.high),
      0,
    );
    await admin.disconnect();
    await consumer.run({
      eachMessage: async ({ message }) => {
        letters.push({
          key: message.key?.toString() ?? '',
          headers: decodeHeaders(message.headers),
          value: message.value?.toString() ?? '',
        });
      },
    });
    await eventually(() => letters.length >= total, { description: 'dead letters read' });
    await consumer.disconnect();
    return letters;
  }

  beforeAll(async () => {
    // a real server-selection failure: what a handler meets while the database is away
    const nowhere = mongoose.createConnection('mongodb://127.0.0.1:1/', { serverSelectionTimeoutMS: 100 });
    unreachable = await nowhere.asPromise().then(
      () => new Error('connected to nowhere'),
      (err: Error) => err,
    );
    await nowhere.close().catch(() => undefined);
    fx = await messagingFixture();
    runner = new ConsumerRunner({
      kafka: fx.kafka,
      groupId: `consumer-test-${fx.run}`,
      topics: fx.topics,
      producer: fx.producer,
      logger: silentLogger,
      retries: 2,
      backoffMs: 20,
      handlers: [
        eventHandler(planSubmittedV1, async (event) => {
          if (failing.has(event.data.planId)) throw new Error('handler bug');
          const outages = outage.get(event.data.planId) ?? 0;
          if (outages > 0) {
            outage.set(event.data.planId, outages - 1);
            throw unreachable;
          }
          const plans = await fx.databases.model(tenantScope(event.tenant), testPlanModel);
          // the guarded effect: one insert under an id derived from the event id
          const result = await insertOnce(() =>
            plans.create({
              _id: deterministicId(event.id, 'test-effect'),
              title: event.data.planId,
              status: 'seen',
              appliedEventIds: [],
            }),
          );
          if (result === 'inserted')
            handled.push({ planId: event.data.planId, tenant: event.tenant, contextTenant: requireTenant() });
        }),
        eventHandler(planSubmittedV1, async (event) => {
          secondHandler.push(event.data.planId);
        }),
        // subscribes the runner to approvals.case as well (what the plans service consumes)
        eventHandler(approvalCaseCompletedV1, async () => undefined),
      ],
    });
    await runner.start();
    await eventually(() => runner.isRunning(), { description: 'consumer joined its group' });
  });

  afterAll(async () => {
    await runner.stop();
    await fx.close();
  });

  it('hands each event to its handler inside the event tenant context', async () => {
    const planId = randomUUID();
    await publish(planId, envelope(planId, 'hainan'), {
      'event-type': 'plan.submitted.v1',
      tenant: 'hainan',
    });
    const seen = await eventually(() => handled.find((h) => h.planId === planId), {
      description: 'event handled',
    });
    expect(seen).toEqual({ planId, tenant: 'hainan', contextTenant: 'hainan' });
  });

  it('applies a redelivered event once', async () => {
    const planId = randomUUID();
    const same = envelope(planId);
    await publish(planId, same, { 'event-type': 'plan.submitted.v1', tenant: 'guangdong' });
    await publish(planId, same, { 'event-type': 'plan.submitted.v1', tenant: 'guangdong' });
    const marker = randomUUID();
    await publish(marker, envelope(marker), { 'event-type': 'plan.submitted.v1', tenant: 'guangdong' });
    await eventually(() => handled.some((h) => h.planId === marker), {
      description: 'later message handled',
    });
    expect(handled.filter((h) => h.planId === planId)).toHaveLength(1);
    const plans = await fx.databases.model(tenantScope('guangdong'), testPlanModel);
    expect(await plans.countDocuments({ title: planId })).toBe(1);
  });

  it('dead-letters a malformed message after the retries and keeps the partition flowing', async () => {
    const key = randomUUID();
    await publish(key, '{"this is": "not an envelope"', {
      'event-type': 'plan.submitted.v1',
      tenant: 'guangdong',
    });
    const after = randomUUID();
    await publish(key, envelope(after), { 'event-type': 'plan.submitted.v1', tenant: 'guangdong' });
    await eventually(() => handled.some((h) => h.planId === after), {
      description: 'the message after the poison one',
    });

    const letter = (await deadLetters()).find((l) => l.key === key);
    expect(letter?.value).toBe('{"this is": "not an envelope"');
    expect(letter?.headers).toMatchObject({
      'event-type': 'plan.submitted.v1',
      tenant: 'guangdong',
      'dlq-attempts': '3',
      'dlq-source-topic': logicalTopics.plan,
      'dlq-error': 'the message is not JSON',
    });
  });

  it('dead-letters at once an event whose header tenant differs from its envelope tenant', async () => {
    const planId = randomUUID();
    await publish(planId, envelope(planId, 'guangdong'), {
      'event-type': 'plan.submitted.v1',
      tenant: 'hainan',
    });
    const letter = await eventually(async () => (await deadLetters()).find((l) => l.key === planId), {
      description: 'tenant mismatch dead-lettered',
    });
    expect(letter.headers['dlq-attempts']).toBe('1');
    expect(letter.headers['dlq-error']).toContain('differs from envelope tenant');
    expect(handled.some((h) => h.planId === planId)).toBe(false);
  });

  it('dead-letters at once an event published on another topic than its type belongs to (a forgery)', async () => {
    const planId = randomUUID();
    await publish(
      planId,
      envelope(planId),
      { 'event-type': 'plan.submitted.v1', tenant: 'guangdong' },
      fx.topics.physical(logicalTopics.approvalCase),
    );
    const letter = await eventually(
      async () => (await deadLetters(logicalTopics.approvalCase)).find((l) => l.key === planId),
      { description: 'the event on the wrong topic dead-lettered' },
    );
    expect(letter.headers['dlq-attempts']).toBe('1');
    expect(letter.headers['dlq-error']).toContain('belongs to topic plans.plan');
    expect(handled.some((h) => h.planId === planId)).toBe(false);
  });

  it('replays dead letters once the handler is fixed; a second replay publishes nothing', async () => {
    const planId = randomUUID();
    failing.add(planId);
    const event = envelope(planId);
    await publish(planId, event, { 'event-type': 'plan.submitted.v1', tenant: 'guangdong' });
    await eventually(async () => (await deadLetters()).some((l) => l.key === planId), {
      description: 'failing event dead-lettered',
    });
    expect(handled.some((h) => h.planId === planId)).toBe(false);

    failing.delete(planId);
    const groupId = `replay-${fx.run}`;
    const first = await replayDeadLetters({
      kafka: fx.kafka,
      topics: fx.topics,
      topic: logicalTopics.plan,
      logger: silentLogger,
      groupId,
      eventId: event.id,
    });
    expect(first.filter((l) => l.replayed).map((l) => l.eventId)).toEqual([event.id]);
    await eventually(() => handled.some((h) => h.planId === planId), {
      description: 'replayed event handled',
    });

    const second = await replayDeadLetters({
      kafka: fx.kafka,
      topics: fx.topics,
      topic: logicalTopics.plan,
      logger: silentLogger,
      groupId,
    });
    expect(second).toEqual([]);
    expect(handled.filter((h) => h.planId === planId)).toHaveLength(1);
  });

  it('holds the partition through a database outage longer than the retries: no dead letter, applied once after', async () => {
    expect(unreachable.name).toBe('MongooseServerSelectionError');
    const planId = randomUUID();
    outage.set(planId, 6);
    await publish(planId, envelope(planId), { 'event-type': 'plan.submitted.v1', tenant: 'guangdong' });
    const stalled = await eventually(() => runner.stalledPartitions()[0], { description: 'partition held' });
    expect(stalled.error).toContain('127.0.0.1:1');
    await eventually(() => handled.some((h) => h.planId === planId), {
      description: 'handled once the outage ended',
      timeoutMs: 20_000,
    });
    expect(outage.get(planId)).toBe(0);
    expect(runner.stalledPartitions()).toEqual([]);
    expect(handled.filter((h) => h.planId === planId)).toHaveLength(1);
    expect((await deadLetters()).some((l) => l.key === planId)).toBe(false);
  });

  it('runs every handler registered for an event type', async () => {
    const planId = randomUUID();
    await publish(planId, envelope(planId), { 'event-type': 'plan.submitted.v1', tenant: 'guangdong' });
    await eventually(() => handled.some((h) => h.planId === planId) && secondHandler.includes(planId), {
      description: 'both handlers ran',
    });
  });

  it("reads a newer producer's event of the same version, its unknown additive fields ignored", async () => {
    const planId = randomUUID();
    const newer = {
      ...envelope(planId),
      schemaHint: 'added later',
      data: { ...submittedData(planId), reviewPriority: 'high' },
    };
    await publish(planId, newer, { 'event-type': 'plan.submitted.v1', tenant: 'guangdong' });
    await eventually(() => handled.some((h) => h.planId === planId), { description: 'newer event handled' });
    expect((await deadLetters()).some((l) => l.key === planId)).toBe(false);
  });

  it('a dead letter replayed for another consumer group is skipped; one for this group is handled', async () => {
    const other = randomUUID();
    await publish(other, envelope(other), {
      'event-type': 'plan.submitted.v1',
      tenant: 'guangdong',
      [replayHeaders.forGroup]: 'some-other-group',
    });
    const mine = randomUUID();
    await publish(mine, envelope(mine), {
      'event-type': 'plan.submitted.v1',
      tenant: 'guangdong',
      [replayHeaders.forGroup]: `consumer-test-${fx.run}`,
    });
    await eventually(() => handled.some((h) => h.planId === mine), { description: 'replay for this group' });
    expect(handled.some((h) => h.planId === other)).toBe(false);
  });
});
