import { outboxRecord, type OutboxEntry, type Producer, type TopicNames } from '@tradepilot/messaging';
import { performance } from 'node:perf_hooks';

/**
 * Sends the entries with a bare kafkajs producer exactly as the relay sends them: one record per
 * request, each awaited before the next, acks from every in-sync replica. Returns the elapsed ms.
 */
export async function sendOneByOne(
  producer: Producer,
  topics: TopicNames,
  entries: OutboxEntry[],
  requestTimeoutMs: number,
): Promise<number> {
  const started = performance.now();
  for (const entry of entries)
    await producer.send({
      topic: topics.physical(entry.topic),
      acks: -1,
      timeout: requestTimeoutMs,
      messages: [outboxRecord(entry)],
    });
  return performance.now() - started;
}

/**
 * The same records `batchSize` to a request (one topic per request, entries in order): what the
 * broker takes when a sender batches. Returns the elapsed ms.
 */
export async function sendInBatches(
  producer: Producer,
  topics: TopicNames,
  entries: OutboxEntry[],
  batchSize: number,
  requestTimeoutMs: number,
): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < entries.length; i += batchSize) {
    const batch = entries.slice(i, i + batchSize);
    const byTopic = new Map<string, OutboxEntry[]>();
    for (const entry of batch) byTopic.set(entry.topic, [...(byTopic.get(entry.topic) ?? []), entry]);
    await producer.sendBatch({
      acks: -1,
      timeout: requestTimeoutMs,
      topicMessages: [...byTopic].map(([topic, list]) => ({
        topic: topics.physical(topic),
        messages: list.map(outboxRecord),
      })),
    });
  }
  return performance.now() - started;
}
