import { createKafka, createProducer, TopicNames } from '@tradepilot/messaging';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { kafkaBrokers } from './bench-stack';
import { until } from './bounded-poll';
import { watchTopic } from './topic-watch';

const logger = pino({ level: 'silent' });

/**
 * The floor under an event path of two hops: produce → a consumer that produces again (as a
 * service that handles an event and publishes its own does) → consume, on the same broker with
 * the services' producer and consumer settings. What is left above it is the services' own work.
 */
export async function startKafkaTwoHop() {
  const kafka = createKafka({ brokers: kafkaBrokers, clientId: 'bench-two-hop', logger });
  const names = new TopicNames(`benchhop${Date.now().toString(36)}.`);
  const [first, second] = [names.physical('first'), names.physical('second')];
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [first, second].map((topic) => ({ topic, numPartitions: 3 })),
    waitForLeaders: true,
  });
  const producer = createProducer(kafka);
  await producer.connect();
  // the middle hop: the consumer settings of the services' ConsumerRunner
  const middle = kafka.consumer({
    groupId: `bench-two-hop-${performance.now()}`,
    sessionTimeout: 10_000,
    heartbeatInterval: 3000,
    maxWaitTimeInMs: 500,
  });
  await middle.connect();
  await middle.subscribe({ topic: first, fromBeginning: true });
  let joined = false;
  middle.on(middle.events.GROUP_JOIN, () => (joined = true));
  await middle.run({
    eachMessage: async ({ message }) => {
      await producer.send({
        topic: second,
        acks: -1,
        messages: [{ key: message.key, value: message.value }],
      });
    },
  });
  await until('the middle hop joined its group', async () => joined);
  const watcher = await watchTopic(second);
  return {
    /** ms from `startedAt` until the marker came out of the second hop */
    async roundTrip(marker: string, startedAt: number): Promise<number> {
      const out = watcher.next(marker);
      await producer.send({
        topic: first,
        acks: -1,
        messages: [{ key: marker, value: JSON.stringify({ marker }) }],
      });
      return (await out) - startedAt;
    },
    async stop() {
      await watcher.stop();
      await middle.disconnect();
      await producer.disconnect();
      await admin.deleteTopics({ topics: [first, second] }).catch(() => undefined);
      await admin.disconnect();
    },
  };
}
