import type { Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { createProducer } from './kafka-client';
import { deadLetterHeaders, decodeHeaders, replayHeaders } from './consumer-runner';
import type { TopicNames } from './topic-names';

export interface ReplayOptions {
  kafka: Kafka;
  topics: TopicNames;
  /** the logical topic whose dead letters are replayed, e.g. `plans.plan` */
  topic: string;
  logger: Logger;
  /** replay only the dead letter of this event id */
  eventId?: string;
  /** list, publish nothing */
  dryRun?: boolean;
  /**
   * The replay's consumer group: its committed offsets make each dead letter replayed once.
   * A new group id replays everything again (harmless: consumers are idempotent).
   */
  groupId?: string;
  timeoutMs?: number;
}

export interface ReplayedLetter {
  partition: number;
  offset: string;
  eventType: string | undefined;
  eventId: string | undefined;
  error: string | undefined;
  replayed: boolean;
}

/** Re-publishes dead letters to the topic they came from, with their original key and headers. */
/** Every replay's consumer group starts with this (the compose ACLs grant the replaying principals its prefix). */
export const deadLetterReplayGroupPrefix = 'tradepilot-dlq-replay';

export async function replayDeadLetters(options: ReplayOptions): Promise<ReplayedLetter[]> {
  const { kafka, topics, topic, logger } = options;
  const dlq = topics.deadLetter(topic);
  // a filtered or dry run must not move the shared replay group past letters it did not replay
  const groupId =
    options.groupId ??
    (options.eventId || options.dryRun
      ? `${deadLetterReplayGroupPrefix}.${dlq}.${randomUUID()}`
      : `${deadLetterReplayGroupPrefix}.${dlq}`);
  const admin = kafka.admin();
  await admin.connect();
  const producer = createProducer(kafka);
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200 });
  const letters: ReplayedLetter[] = [];
  try {
    const high = new Map((await admin.fetchTopicOffsets(dlq)).map((p) => [p.partition, BigInt(p.high)]));
    const [committed] = await admin.fetchOffsets({ groupId, topics: [dlq] });
    const remaining = new Set<number>();
    for (const { partition, offset } of committed?.partitions ?? []) {
      const start = offset === '-1' ? 0n : BigInt(offset);
      if (start < (high.get(partition) ?? 0n)) remaining.add(partition);
    }
    if (remaining.size === 0) return letters;

    await producer.connect();
    await consumer.connect();
    await consumer.subscribe({ topic: dlq, fromBeginning: true });
    let finish: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (finish = resolve));
    await consumer.run({
      autoCommit: true,
      eachMessage: async ({ partition, message }) => {
        const end = high.get(partition) ?? 0n;
        if (BigInt(message.offset) >= end) return;
        const headers = decodeHeaders(message.headers);
        const envelope = parseEnvelope(message.value);
        const wanted = !options.eventId || envelope?.id === options.eventId;
        const letter: ReplayedLetter = {
          partition,
          offset: message.offset,
          eventType: headers['event-type'],
          eventId: envelope?.id,
          error: headers[deadLetterHeaders.error],
          replayed: wanted && !options.dryRun,
        };
        if (letter.replayed) {
          const original = Object.fromEntries(
            Object.entries(headers).filter(
              ([name]) => !Object.values(deadLetterHeaders).includes(name as never),
            ),
          );
          await producer.send({
            topic: topics.physical(headers[deadLetterHeaders.sourceTopic] ?? topic),
            acks: -1,
            messages: [
              {
                key: message.key,
                value: message.value,
                headers: {
                  ...original,
                  'dlq-replayed-at': new Date().toISOString(),
                  // only the group that failed handles it again; the others skip it
                  [replayHeaders.forGroup]: headers[deadLetterHeaders.consumerGroup] ?? '',
                },
              },
            ],
          });
          logger.info(
            { dlq, partition, offset: message.offset, eventId: envelope?.id },
            'dead letter replayed',
          );
        }
        if (wanted || !options.eventId) letters.push(letter);
        if (BigInt(message.offset) + 1n >= end) {
          remaining.delete(partition);
          if (remaining.size === 0) finish();
        }
      },
    });
    const timeoutMs = options.timeoutMs ?? 30_000;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      done,
      new Promise<void>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`replay of ${dlq} did not reach the end within ${timeoutMs} ms`)),
          timeoutMs,
        );
      }),
    ]).finally(() => clearTimeout(timer));
    return letters;
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
}

function parseEnvelope(value: Buffer | null): { id?: string } | undefined {
  try {
    return JSON.parse(value?.toString('utf8') ?? '') as { id?: string };
  } catch {
    return undefined;
  }
}
