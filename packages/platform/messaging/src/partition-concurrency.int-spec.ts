import { planSubmittedV1, topics as logicalTopics } from '@tradepilot/contracts';
import { eventually } from '@tradepilot/testing';
import { randomUUID } from 'node:crypto';
import { ConsumerRunner, eventHandler } from './consumer-runner';
import { TransientFailure } from './failure-kinds';
import { actor, messagingFixture, silentLogger, submittedData } from './test/messaging-fixture';

describe('partitions handled concurrently on real Kafka', () => {
  let fx: Awaited<ReturnType<typeof messagingFixture>>;
  let runner: ConsumerRunner | undefined;

  const message = (planId: string, partition: number) => ({
    partition,
    key: planId,
    headers: { 'event-type': 'plan.submitted.v1', tenant: 'guangdong' },
    value: JSON.stringify({
      id: randomUUID(),
      type: 'plan.submitted.v1',
      tenant: 'guangdong',
      aggregateId: planId,
      sequence: 1,
      occurredAt: new Date().toISOString(),
      actor,
      causationId: null,
      data: submittedData(planId),
    }),
  });

  beforeAll(async () => {
    fx = await messagingFixture();
  });

  afterAll(async () => {
    await runner?.stop();
    await fx.close();
  });

  it('a partition held by an outage does not hold another partition', async () => {
    const held = randomUUID();
    const behindHeld = randomUUID();
    const free = randomUUID();
    let outageOver = false;
    let heldAttempted = false;
    const handled: string[] = [];
    // in before the runner joins: its first fetch brings both partitions
    await fx.producer.send({
      topic: fx.topics.physical(logicalTopics.plan),
      acks: -1,
      messages: [message(held, 0), message(behindHeld, 0), message(free, 1)],
    });
    runner = new ConsumerRunner({
      kafka: fx.kafka,
      groupId: `concurrency-test-${fx.run}`,
      topics: fx.topics,
      producer: fx.producer,
      logger: silentLogger,
      backoffMs: 20,
      handlers: [
        eventHandler(planSubmittedV1, async (event) => {
          if (event.data.planId === held) {
            heldAttempted = true;
            if (!outageOver) throw new TransientFailure('database away');
          }
          // whichever partition a runner takes first, the other one is handled only alongside it
          if (event.data.planId === free && !heldAttempted) throw new TransientFailure('held one not yet tried');
          handled.push(event.data.planId);
        }),
      ],
    });
    await runner.start();

    await eventually(() => handled.includes(free), { description: 'the other partition handled' });
    expect(runner.stalledPartitions()).toMatchObject([{ partition: 0, error: 'database away' }]);
    expect(handled).toEqual([free]);

    outageOver = true;
    await eventually(() => handled.includes(behindHeld), { description: 'the held partition, in order' });
    expect(handled).toEqual([free, held, behindHeld]);
    expect(runner.stalledPartitions()).toEqual([]);
  });
});
