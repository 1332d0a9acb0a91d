import { randomUUID } from 'node:crypto';
import { planSubmittedV1, systemActor, topics as logicalTopics, type EventData } from '@tradepilot/contracts';
import {
  connectDatabase,
  defineModel,
  TenantDatabases,
  TenantRegistry,
  type AnyModelDefinition,
} from '@tradepilot/tenancy';
import { infraConnection, uniqueSuffix } from '@tradepilot/testing';
import type { Connection } from 'mongoose';
import { Schema } from 'mongoose';
import pino from 'pino';
import { createKafka, createProducer } from '../kafka-client';
import { addOutboxFields, type OutboxFields } from '../outbox-entry';
import { TopicNames } from '../topic-names';
import { ensureTopics } from '../topic-setup';

export interface TestPlan extends OutboxFields {
  _id: string;
  title: string;
  status: string;
  appliedEventIds: string[];
  /** a day the settled-documents test's rule reads */
  due?: string;
}

export const testPlanModel = defineModel<TestPlan>({
  name: 'TestPlan',
  collection: 'plans',
  placement: 'tenant',
  outbox: true,
  schema: addOutboxFields(
    new Schema<TestPlan>({
      _id: String,
      title: String,
      status: String,
      appliedEventIds: { type: [String], default: [] },
      due: String,
    }),
  ),
});

export const silentLogger = pino({ level: process.env['TEST_LOG_LEVEL'] ?? 'silent' });

/**
 * Real Kafka and FerretDB, with a topic prefix and database prefix of this test file's own;
 * `models`: collections a test needs besides the test plans (an archive, a record's trail).
 */
export async function messagingFixture(models: AnyModelDefinition[] = []) {
  const run = uniqueSuffix();
  const infra = infraConnection();
  const root: Connection = await connectDatabase({ url: infra.mongoUrl });
  const databases = new TenantDatabases(root, {
    service: 'msgtest',
    databasePrefix: `m${run}_`,
    registry: TenantRegistry.fromSeed(),
    models: [testPlanModel, ...models],
  });
  const topics = new TopicNames(`t${run}.`);
  const kafka = createKafka({
    brokers: infra.kafkaBrokers,
    clientId: `msgtest-${run}`,
    logger: silentLogger,
  });
  await ensureTopics(kafka, topics, [logicalTopics.plan, logicalTopics.approvalCase]);
  const producer = createProducer(kafka);
  await producer.connect();
  return {
    run,
    root,
    databases,
    topics,
    kafka,
    producer,
    async close() {
      await producer.disconnect();
      for (const scope of await databases.existingScopes()) await databases.dropDatabase(scope);
      await root.close();
      const admin = kafka.admin();
      await admin.connect();
      const mine = (await admin.listTopics()).filter((t) => t.startsWith(`t${run}.`));
      await admin.deleteTopics({ topics: mine }).catch(() => undefined);
      await admin.disconnect();
    },
  };
}

export const actor = {
  userId: 'gd-province-officer',
  role: 'province-officer' as const,
  organisationId: 'guangdong',
};
export const system = systemActor('msgtest');

export const submittedData = (planId: string, submission = 1): EventData<typeof planSubmittedV1> => ({
  planId,
  pilotAreaId: 'guangzhou',
  title: { 'zh-CN': '广州实施方案', en: 'Guangzhou plan' },
  submission,
  submittedAt: new Date().toISOString(),
  tasks: [],
});

/** A `plan.submitted.v1` envelope as a relay publishes it, for tests that write to Kafka directly. */
export const submittedEnvelope = (planId: string, tenant = 'guangdong', id: string = randomUUID()) => ({
  id,
  type: 'plan.submitted.v1',
  tenant,
  aggregateId: planId,
  sequence: 1,
  occurredAt: new Date().toISOString(),
  actor,
  causationId: null,
  data: submittedData(planId),
});
