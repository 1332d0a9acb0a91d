import { createKafka, createProducer, TopicNames } from '@tradepilot/messaging';
import pino from 'pino';
import { kafkaBrokers } from './bench-stack';
import { until } from './bounded-poll';
import { watchTopic } from './topic-arrivals';

const logger = pino({ level: 'silent' });

export interface TwoHopRoundTrip {
  /** produces a marked message to topic A; resolves with when its copy arrived from topic B */
  send: (marker: string) => Promise<number>;
  close: () => Promise<void>;
}

/**
 * The least the event path's two Kafka hops can cost on this broker: the bench produces to topic
 * A, a relay consumer in this process consumes it and produces a copy to topic B (consumed the
 * way a service consumes: three partitions at once, each message's offset committed after its
 * send), and the bench's watcher consumes B. Both producers wait for every in-sync replica, as
 * the outbox relay does. The services' database work is what the bench path adds on top.
 */
export async function startTwoHopRoundTrip(): Promise<TwoHopRoundTrip> {
  const kafka = createKafka({ brokers: kafkaBrokers, clientId: 'bench-two-hop', logger });
  const names = new TopicNames(`benchhop${Date.now().toString(36)}.`);
  const [first, second] = [names.physical('hop-a'), names.physical('hop-b')];
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [first, second].map((topic) => ({ topic, numPartitions: 3 })),
    waitForLeaders: true,
  });
  const producer = createProducer(kafka);
  const relayProducer = createProducer(kafka);
  await Promise.all([producer.connect(), relayProducer.connect()]);
  const relay = kafka.consumer({ groupId: `${first}-relay`, maxWaitTimeInMs: 500 });
  let joined = false;
  relay.on(relay.events.GROUP_JOIN, () => (joined = true));
  await relay.connect();
  await relay.subscribe({ topic: first, fromBeginning: true });
  await relay.run({
    partitionsConsumedConcurrently: 3,
    autoCommit: false,
    eachMessage: async ({ topic, partition, message }) => {
      await relayProducer.send({
        topic: second,
        acks: -1,
        messages: [{ key: message.key, value: message.value, headers: message.headers }],
      });
      await relay.commitOffsets([{ topic, partition, offset: String(Number(message.offset) + 1) }]);
    },
  });
  await until('the two-hop relay joined its group', async () => joined);
  const arrivals = await watchTopic(second);
  return {
    send: async (marker) => {
      const arrived = arrivals.next([marker]);
      // awaited after the send unless the send fails: its timeout must not go unhandled then
      arrived.catch(() => undefined);
      await producer.send({
        topic: first,
        acks: -1,
        messages: [{ key: marker, value: JSON.stringify({ marker }) }],
      });
      return (await arrived).at;
    },
    close: async () => {
      await arrivals.stop();
      await relay.disconnect();
      await Promise.all([producer.disconnect(), relayProducer.disconnect()]);
      await admin.deleteTopics({ topics: [first, second] });
      await admin.disconnect();
    },
  };
}
