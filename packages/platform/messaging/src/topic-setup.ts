import type { Kafka } from 'kafkajs';
import type { TopicNames } from './topic-names';

export interface TopicSetupOptions {
  partitions?: number;
  replicationFactor?: number;
}

/**
 * Creates each topic and its dead-letter topic when missing. Topics are created explicitly at
 * start (the broker does not auto-create), so a typo in a topic name fails loudly.
 */
export async function ensureTopics(
  kafka: Kafka,
  names: TopicNames,
  logicalTopics: string[],
  { partitions = 3, replicationFactor = 1 }: TopicSetupOptions = {},
): Promise<void> {
  const wanted = [...new Set(logicalTopics.flatMap((t) => [names.physical(t), names.deadLetter(t)]))];
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((t) => !existing.has(t));
    if (missing.length === 0) return;
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({ topic, numPartitions: partitions, replicationFactor })),
    });
  } catch (err) {
    // another instance may have created them in the meantime
    if ((err as { type?: string }).type !== 'TOPIC_ALREADY_EXISTS') throw err;
  } finally {
    await admin.disconnect();
  }
}
