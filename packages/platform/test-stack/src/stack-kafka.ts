import { createKafka, createProducer } from '@tradepilot/messaging';
import type { Admin, Producer } from 'kafkajs';
import pino from 'pino';
import type { RecordedEvent } from './event-recorder';
import type { TestStack } from './test-stack';

/**
 * A test's own hands on a stack's broker: put messages on its topics (a redelivery, a poison
 * message, an event a service would publish) and see how far a service's consumer group got.
 */
export class StackKafka {
  private constructor(
    private readonly stack: TestStack,
    private readonly producer: Producer,
    private readonly admin: Admin,
  ) {}

  static async connect(stack: TestStack, clientId: string): Promise<StackKafka> {
    const kafka = createKafka({ brokers: stack.kafkaBrokers, clientId, logger: pino({ level: 'silent' }) });
    const producer = createProducer(kafka);
    await producer.connect();
    const admin = kafka.admin();
    await admin.connect();
    return new StackKafka(stack, producer, admin);
  }

  /** Sends a message to one of the stack's topics (named logically, e.g. `plans.plan`). */
  async send(
    topic: string,
    message: { key: string | null; value: string; headers: Record<string, string> },
  ): Promise<void> {
    await this.producer.send({ topic: `${this.stack.topicPrefix}${topic}`, acks: -1, messages: [message] });
  }

  /** The same message once more: key, value and headers as recorded. */
  redeliver(event: RecordedEvent): Promise<void> {
    return this.send(event.topic, { key: event.key, value: event.raw, headers: event.headers });
  }

  /** True once `service`'s consumer group has committed past `event` on its partition. */
  async consumedPast(
    service: string,
    event: Pick<RecordedEvent, 'topic' | 'partition' | 'offset'>,
  ): Promise<boolean> {
    const [committed] = await this.admin.fetchOffsets({
      groupId: `${this.stack.topicPrefix}${service}`,
      topics: [`${this.stack.topicPrefix}${event.topic}`],
    });
    const at = committed?.partitions.find((p) => p.partition === event.partition)?.offset ?? '-1';
    return BigInt(at) > BigInt(event.offset);
  }

  async close(): Promise<void> {
    await this.producer.disconnect();
    await this.admin.disconnect();
  }
}
