import type { Admin, Kafka } from 'kafkajs';
import { setTimeout as delay } from 'node:timers/promises';
import type { TopicNames } from './topic-names';

export interface TopicSetupOptions {
  partitions?: number;
  /** 1 on a single broker; 3 in the production profile */
  replicationFactor?: number;
  /** with acks=all, how many replicas must have a write (1 locally; 2 in the production profile) */
  minInsyncReplicas?: number;
}

/**
 * Creates each topic and its dead-letter topic when missing. Topics are created explicitly at
 * start (the broker does not auto-create), so a typo in a topic name fails loudly.
 */
export async function ensureTopics(
  kafka: Kafka,
  names: TopicNames,
  logicalTopics: string[],
  { partitions = 3, replicationFactor = 1, minInsyncReplicas = 1 }: TopicSetupOptions = {},
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
        topics: missing.map((topic) => ({
          topic,
          numPartitions: partitions,
          replicationFactor,
          configEntries: [{ name: 'min.insync.replicas', value: String(minInsyncReplicas) }],
        })),
      });
    }
  } catch (err) {
    // another service or instance may have created them in the meantime (its topics may not be
    // in this broker's metadata yet): waitForLeaders below decides whether they exist
    if (!onlyAlreadyExists(err) && !createdElsewhere(err)) throw err;
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
  let waitingFor = 'metadata';
  for (;;) {
    try {
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
      const leaderless = metadata.flatMap((t) =>
        t.partitions.filter((p) => p.leader < 0).map((p) => `${t.name}/${p.partitionId}`),
      );
      if (leaderless.length === 0) return;
      waitingFor = `leaders of ${leaderless.join(', ')}`;
    } catch (err) {
      // a topic just created elsewhere is not in every broker's metadata yet
      waitingFor = (err as Error).message;
    }
    if (Date.now() > deadline) throw new Error(`topics not ready after ${timeoutMs} ms: ${waitingFor}`);
    await delay(100);
  }
}

/** createTopics' own wait for leaders meets a topic another service is creating at the same moment. */
const createdElsewhere = (err: unknown): boolean =>
  (err as { type?: string }).type === 'UNKNOWN_TOPIC_OR_PARTITION';

/** kafkajs reports per-topic creation errors in one aggregate; "already exists" is success here. */
function onlyAlreadyExists(err: unknown): boolean {
  const { type, errors } = err as { type?: string; errors?: { type?: string }[] };
  if (type === 'TOPIC_ALREADY_EXISTS') return true;
  return Array.isArray(errors) && errors.length > 0 && errors.every((e) => e.type === 'TOPIC_ALREADY_EXISTS');
}
