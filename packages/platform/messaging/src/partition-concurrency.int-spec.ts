import { planSubmittedV1, topics as logicalTopics } from '@tradepilot/contracts';
import { eventually } from '@tradepilot/testing';
import { randomUUID } from 'node:crypto';
import { ConsumerRunner, eventHandler, type EventHandler } from './consumer-runner';
import { TransientFailure } from './failure-kinds';
import { messagingFixture, silentLogger, submittedEnvelope } from './test/messaging-fixture';

describe('partitions handled side by side on real Kafka', () => {
  let fx: Awaited<ReturnType<typeof messagingFixture>>;
  const runners: ConsumerRunner[] = [];

  const message = (planId: string, partition: number) => ({
    partition,
    key: planId,
    headers: { 'event-type': 'plan.submitted.v1', tenant: 'guangdong' },
    value: JSON.stringify(submittedEnvelope(planId)),
  });
  const publish = (...messages: ReturnType<typeof message>[]) =>
    fx.producer.send({ topic: fx.topics.physical(logicalTopics.plan), acks: -1, messages });

  const runner = (name: string, handler: EventHandler) => {
    const started = new ConsumerRunner({
      kafka: fx.kafka,
      groupId: `${name}-${fx.run}`,
      topics: fx.topics,
      producer: fx.producer,
      logger: silentLogger,
      backoffMs: 20,
      handlers: [handler],
    });
    runners.push(started);
    return started;
  };

  beforeAll(async () => {
    fx = await messagingFixture();
  });

  afterAll(async () => {
    for (const r of runners) await r.stop();
    await fx.close();
  });

  it('a partition held by an outage does not hold what arrives on another meanwhile', async () => {
    const [held, behindHeld, free] = [randomUUID(), randomUUID(), randomUUID()];
    const mine = new Set<string>([held, behindHeld, free]);
    let outageOver = false;
    const handled: string[] = [];
    const consumer = runner(
      'held',
      eventHandler(planSubmittedV1, async (event) => {
        if (event.data.planId === held && !outageOver) throw new TransientFailure('database away');
        if (mine.has(event.data.planId)) handled.push(event.data.planId);
      }),
    );
    await consumer.start();
    await publish(message(held, 0), message(behindHeld, 0));
    await eventually(() => consumer.stalledPartitions().length > 0, { description: 'partition 0 held' });

    // published after the hold began: another fetch brings it
    await publish(message(free, 1));
    await eventually(() => handled.includes(free), { description: 'the other partition handled' });
    expect(consumer.stalledPartitions()).toMatchObject([{ partition: 0, error: 'database away' }]);
    expect(handled).toEqual([free]);

    outageOver = true;
    await eventually(() => handled.includes(behindHeld), { description: 'the held partition, in order' });
    expect(handled).toEqual([free, held, behindHeld]);
    expect(consumer.stalledPartitions()).toEqual([]);
  });

  it('a slow partition does not hold another partition of its fetch', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const handled: string[] = [];
    let slow: string | undefined;
    let otherDoneWhileSlowRan = false;
    // both in before the runner joins: its first fetch brings both partitions
    await publish(message(a, 0), message(b, 1));
    const consumer = runner(
      'slow',
      eventHandler(planSubmittedV1, async (event) => {
        const id = event.data.planId;
        if (id !== a && id !== b) return;
        if (!slow) {
          // whichever comes first is slow until the other one is through (bounded)
          slow = id;
          const other = id === a ? b : a;
          otherDoneWhileSlowRan = await eventually(() => handled.includes(other), {
            description: 'the other partition handled while this one runs',
            timeoutMs: 5000,
          }).catch(() => false);
        }
        handled.push(id);
      }),
    );
    await consumer.start();
    await eventually(() => handled.length === 2, { description: 'both handled' });
    expect(otherDoneWhileSlowRan).toBe(true);
  });
});
