import { createKafka, decodeHeaders, TopicNames } from '@tradepilot/messaging';
import { eventually, infraConnection, type EventuallyOptions, uniqueSuffix } from '@tradepilot/testing';
import type { Consumer } from 'kafkajs';
import pino from 'pino';

export interface RecordedEvent {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  headers: Record<string, string>;
  /** the parsed envelope, or undefined when the value is not JSON */
  envelope:
    | {
        id: string;
        type: string;
        tenant: string;
        aggregateId: string;
        sequence: number;
        data: Record<string, unknown>;
      }
    | undefined;
  raw: string;
}

/**
 * Records every message on a stack's topics from the beginning, so tests can wait for an event
 * (`waitForEvent`) or assert that one never came, without a consumer group join per wait.
 */
export class EventRecorder {
  readonly events: RecordedEvent[] = [];
  private consumer: Consumer | undefined;

  constructor(
    private readonly topicPrefix: string,
    private readonly brokers = infraConnection().kafkaBrokers,
  ) {}

  private physicalTopics: string[] = [];

  private get names(): TopicNames {
    return new TopicNames(this.topicPrefix);
  }

  async start(logicalTopics: string[]): Promise<void> {
    const names = this.names;
    this.physicalTopics = logicalTopics.map((t) => names.physical(t));
    const kafka = createKafka({
      brokers: this.brokers,
      clientId: 'event-recorder',
      logger: pino({ level: 'silent' }),
    });
    this.consumer = kafka.consumer({ groupId: `recorder-${uniqueSuffix()}`, maxWaitTimeInMs: 100 });
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: logicalTopics.map((t) => names.physical(t)),
      fromBeginning: true,
    });
    let joined = false;
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => (joined = true));
    await this.consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const raw = message.value?.toString('utf8') ?? '';
        let envelope: RecordedEvent['envelope'];
        try {
          envelope = JSON.parse(raw);
        } catch {
          envelope = undefined;
        }
        this.events.push({
          topic: names.logical(topic),
          partition,
          offset: message.offset,
          key: message.key?.toString() ?? null,
          headers: decodeHeaders(message.headers),
          envelope,
          raw,
        });
      },
    });
    await eventually(() => joined, { description: 'event recorder joined its group' });
  }

  /** Waits until every message on the recorded topics at this moment has been recorded. */
  async waitUntilCaughtUp(timeoutMs = 20_000): Promise<void> {
    const kafka = createKafka({
      brokers: this.brokers,
      clientId: 'event-recorder-offsets',
      logger: pino({ level: 'silent' }),
    });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const ends = await Promise.all(
        this.physicalTopics.map(async (topic) => ({
          topic,
          partitions: await admin.fetchTopicOffsets(topic),
        })),
      );
      await eventually(
        () =>
          ends.every(({ topic, partitions }) =>
            partitions.every(
              (p) =>
                p.high === '0' ||
                this.events.some(
                  (e) =>
                    this.names.physical(e.topic) === topic &&
                    e.partition === p.partition &&
                    BigInt(e.offset) + 1n >= BigInt(p.high),
                ),
            ),
          ),
        { description: 'the recorder caught up with its topics', timeoutMs },
      );
    } finally {
      await admin.disconnect();
    }
  }

  ofType(type: string, predicate: (e: RecordedEvent) => boolean = () => true): RecordedEvent[] {
    return this.events.filter((e) => e.envelope?.type === type && predicate(e));
  }

  waitForEvent(
    type: string,
    predicate: (e: RecordedEvent) => boolean = () => true,
    options: EventuallyOptions = {},
  ): Promise<RecordedEvent> {
    return eventually(() => this.ofType(type, predicate)[0], { description: `event ${type}`, ...options });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
