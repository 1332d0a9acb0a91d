import type { Admin, Kafka } from 'kafkajs';
import { setTimeout as delay } from 'node:timers/promises';
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
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ topic, numPartitions: partitions, replicationFactor })),
      });
    }
  } catch (err) {
    // another instance may have created them in the meantime
    if ((err as { type?: string }).type !== 'TOPIC_ALREADY_EXISTS') throw err;
  }
  try {
    await waitForLeaders(admin, wanted);
  } finally {
    await admin.disconnect();
  }
}

/**
 * A fresh broker can answer createTopics before every partition has a leader in its metadata;
 * a client that starts then gets "does not host this topic-partition". Wait until all do.
 */
async function waitForLeaders(admin: Admin, topics: string[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
    const leaderless = metadata.flatMap((t) =>
      t.partitions.filter((p) => p.leader < 0).map((p) => `${t.name}/${p.partitionId}`),
    );
    if (leaderless.length === 0) return;
    if (Date.now() > deadline)
      throw new Error(`partitions without a leader after ${timeoutMs} ms: ${leaderless.join(', ')}`);
    await delay(100);
  }
}
