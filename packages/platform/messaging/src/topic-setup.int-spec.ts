import { infraConnection, uniqueSuffix } from '@tradepilot/testing';
import { ConfigResourceTypes } from 'kafkajs';
import pino from 'pino';
import { createKafka } from './kafka-client';
import { TopicNames } from './topic-names';
import { ensureTopics } from './topic-setup';

describe('ensureTopics on the real broker', () => {
  const names = new TopicNames(`setup${uniqueSuffix()}.`);
  const kafka = () =>
    createKafka({
      brokers: infraConnection().kafkaBrokers,
      clientId: 'topic-setup-test',
      logger: pino({ level: 'silent' }),
    });

  afterAll(async () => {
    const admin = kafka().admin();
    await admin.connect();
    const mine = (await admin.listTopics()).filter((t) => t.startsWith(names.physical('')));
    await admin.deleteTopics({ topics: mine });
    await admin.disconnect();
  });

  it('services starting at once create the same topics without failing, each with its DLQ and leaders', async () => {
    const logical = ['plans.plan', 'approvals.case', 'approvals.delegation'];
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () => ensureTopics(kafka(), names, logical, { partitions: 3 })),
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);

    const admin = kafka().admin();
    await admin.connect();
    try {
      const wanted = logical.flatMap((t) => [names.physical(t), names.deadLetter(t)]);
      const { topics } = await admin.fetchTopicMetadata({ topics: wanted });
      expect(topics.map((t) => t.name).sort()).toEqual([...wanted].sort());
      for (const topic of topics) {
        expect(topic.partitions).toHaveLength(3);
        expect(topic.partitions.every((p) => p.leader >= 0)).toBe(true);
      }
    } finally {
      await admin.disconnect();
    }
  });

  it('creates topics with the replication factor and min.insync.replicas of the profile (1/1 on one broker)', async () => {
    const logical = ['practices.batch'];
    await ensureTopics(kafka(), names, logical, {
      partitions: 1,
      replicationFactor: 1,
      minInsyncReplicas: 1,
    });
    const admin = kafka().admin();
    await admin.connect();
    try {
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: ConfigResourceTypes.TOPIC, name: names.physical('practices.batch') }],
      });
      const entries = resources[0]?.configEntries ?? [];
      expect(entries.find((e) => e.configName === 'min.insync.replicas')).toMatchObject({
        configValue: '1',
        isDefault: false,
      });
      const { topics } = await admin.fetchTopicMetadata({ topics: [names.physical('practices.batch')] });
      expect(topics[0]?.partitions[0]?.replicas).toHaveLength(1);
      // a replication factor above the brokers there are is refused, not silently lowered
      await expect(
        ensureTopics(kafka(), names, ['practices.adoption'], {
          partitions: 1,
          replicationFactor: 3,
          minInsyncReplicas: 2,
        }),
      ).rejects.toThrow();
    } finally {
      await admin.disconnect();
    }
  });
});
