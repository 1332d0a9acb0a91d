import type { Admin, Kafka } from '@tradepilot/messaging';
import { until } from './bounded-poll';

/**
 * How many records the topics hold: the sum of their partitions' end offsets. On a topic created
 * by this run that is every record ever acknowledged to it, duplicates included.
 */
export async function recordsOnTopics(admin: Admin, topics: string[]): Promise<number> {
  let total = 0;
  for (const topic of topics)
    for (const partition of await admin.fetchTopicOffsets(topic)) total += Number(partition.high);
  return total;
}

/**
 * Reads the topic from its start and counts the distinct event ids (the envelope's `id`) until
 * `expected` are in or `timeoutMs` passes: proof that each event arrived, whatever the offsets say.
 */
export async function distinctEventIds(
  kafka: Kafka,
  topic: string,
  expected: number,
  timeoutMs: number,
): Promise<{ distinct: number; records: number }> {
  const consumer = kafka.consumer({ groupId: `${topic}-count-${Date.now()}`, maxWaitTimeInMs: 100 });
  const ids = new Set<string>();
  let records = 0;
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) {
          records += 1;
          ids.add((JSON.parse(message.value?.toString() ?? '{}') as { id?: string }).id ?? '');
        }
      },
    });
    await until(
      `${expected} distinct events on ${topic}`,
      async () => ids.size >= expected,
      timeoutMs,
      100,
    ).catch(() => undefined);
    return { distinct: ids.size, records };
  } finally {
    await consumer.disconnect();
  }
}
