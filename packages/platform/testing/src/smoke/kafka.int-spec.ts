import { Kafka, logLevel, type Consumer, type EachMessagePayload } from 'kafkajs';
import { eventually } from '../eventually';
import { infraConnection } from '../infra-connection';
import { uniqueSuffix } from '../unique-names';

interface Received {
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

describe('Kafka from TypeScript (kafkajs against the local broker)', () => {
  const run = uniqueSuffix();
  const topic = `smoke.kafka.${run}`;
  const kafka = new Kafka({
    clientId: `smoke-${run}`,
    brokers: infraConnection().kafkaBrokers,
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  const consumers: Consumer[] = [];

  beforeAll(async () => {
    await admin.connect();
    await producer.connect();
  });

  afterAll(async () => {
    await Promise.all(consumers.map((c) => c.disconnect()));
    await producer.disconnect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  async function consumeAs(groupId: string, into: Received[]): Promise<void> {
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
    consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }: EachMessagePayload) => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(message.headers ?? {})) {
          headers[name] = String(value);
        }
        into.push({
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? null,
          headers,
        });
      },
    });
  }

  it('creates a topic explicitly (the broker does not auto-create)', async () => {
    expect(await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true })).toBe(
      true,
    );
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(metadata.topics[0]?.partitions).toHaveLength(3);
  });

  it('delivers key, headers and payload intact to every consumer group', async () => {
    const sent = [
      {
        key: 'plan-1',
        value: JSON.stringify({ n: 1, text: '服务贸易创新发展试点' }),
        headers: { 'event-type': 'plan.submitted.v1', tenant: 'guangdong' },
      },
      {
        key: 'plan-1',
        value: JSON.stringify({ n: 2 }),
        headers: { 'event-type': 'plan.approved.v1', tenant: 'guangdong' },
      },
      {
        key: 'plan-2',
        value: JSON.stringify({ n: 3 }),
        headers: { 'event-type': 'plan.submitted.v1', tenant: 'hainan' },
      },
    ];
    await producer.send({ topic, acks: -1, messages: sent });

    const first: Received[] = [];
    const second: Received[] = [];
    await consumeAs(`smoke-a-${run}`, first);
    await consumeAs(`smoke-b-${run}`, second);

    for (const received of [first, second]) {
      await eventually(() => received.length === sent.length, { description: 'all messages consumed' });
      const byValue = new Map(received.map((r) => [r.value, r]));
      for (const message of sent) {
        expect(byValue.get(message.value)).toEqual({
          key: message.key,
          value: message.value,
          headers: message.headers,
        });
      }
      // one key stays on one partition, so its messages arrive in the order they were sent
      const plan1 = received.filter((r) => r.key === 'plan-1').map((r) => JSON.parse(r.value ?? '{}').n);
      expect(plan1).toEqual([1, 2]);
    }
  });
});
