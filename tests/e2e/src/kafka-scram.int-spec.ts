import { topics as logicalTopics } from '@tradepilot/contracts';
import { createKafka, ensureTopics, TopicNames, type KafkaSasl } from '@tradepilot/messaging';
import { eventually, PrivateKafka } from '@tradepilot/test-stack';
import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } from 'kafkajs';
import { randomBytes } from 'node:crypto';
import pino from 'pino';

const secret = () => randomBytes(18).toString('base64url');
const silent = pino({ level: 'silent' });

/**
 * The broker of the compose deployment, in small: SASL/SCRAM on the client listener with one
 * principal per service (users added when the storage is formatted), ACLs enforced, topics made
 * by the admin principal. kafkajs (the platform's client) signs in with SCRAM-SHA-512.
 */
describe('Kafka with SASL/SCRAM and ACLs (a private KRaft broker)', () => {
  const users = { admin: secret(), plans: secret(), approvals: secret() };
  let broker: PrivateKafka;
  const topics = new TopicNames('');
  const client = (sasl?: KafkaSasl) =>
    createKafka({
      brokers: broker.brokers,
      clientId: `scram-${sasl?.username ?? 'anonymous'}`,
      logger: silent,
      connectionTimeoutMs: 2000,
      ...(sasl ? { sasl } : {}),
    });
  const as = (username: keyof typeof users, password = users[username]): KafkaSasl => ({
    mechanism: 'scram-sha-512',
    username,
    password,
  });

  beforeAll(async () => {
    broker = await PrivateKafka.start({ scramUsers: users });
    // the init step: the admin creates the topics and grants each service its own
    const admin = client(as('admin')).admin();
    await admin.connect();
    try {
      await ensureTopics(client(as('admin')), topics, [logicalTopics.plan, logicalTopics.approvalCase]);
      const allow = (principal: string, topic: string, operation: AclOperationTypes) => ({
        resourceType: AclResourceTypes.TOPIC,
        resourceName: topic,
        resourcePatternType: ResourcePatternTypes.LITERAL,
        principal: `User:${principal}`,
        host: '*',
        operation,
        permissionType: AclPermissionTypes.ALLOW,
      });
      await admin.createAcls({
        acl: [
          allow('plans', logicalTopics.plan, AclOperationTypes.WRITE),
          allow('plans', logicalTopics.plan, AclOperationTypes.DESCRIBE),
          allow('approvals', logicalTopics.approvalCase, AclOperationTypes.WRITE),
          allow('approvals', logicalTopics.approvalCase, AclOperationTypes.DESCRIBE),
        ],
      });
      // ACLs reach the authorizer through the metadata log: wait until it holds them
      await eventually(
        async () =>
          (
            await admin.describeAcls({
              resourceType: AclResourceTypes.ANY,
              resourcePatternType: ResourcePatternTypes.ANY,
              operation: AclOperationTypes.ANY,
              permissionType: AclPermissionTypes.ANY,
            })
          ).resources.length === 2,
        { description: 'the ACLs are in force' },
      );
    } finally {
      await admin.disconnect();
    }
  }, 120_000);
  afterAll(() => broker?.remove());

  const produce = async (sasl: KafkaSasl | undefined, topic: string) => {
    const producer = client(sasl).producer({ allowAutoTopicCreation: false, retry: { retries: 0 } });
    await producer.connect();
    try {
      await producer.send({ topic, acks: -1, messages: [{ key: 'k', value: 'v' }] });
    } finally {
      await producer.disconnect();
    }
  };

  it('a service signs in with its SCRAM credentials and writes its own topic', async () => {
    await expect(produce(as('plans'), logicalTopics.plan)).resolves.toBeUndefined();
  });

  it('refuses a wrong password and a client without credentials', async () => {
    await expect(produce(as('plans', 'not-the-password'), logicalTopics.plan)).rejects.toThrow(
      /SASL|authentication/i,
    );
    await expect(produce(undefined, logicalTopics.plan)).rejects.toThrow();
  });

  it('refuses a service writing another service’s topic (no forged approval.case_completed.v1)', async () => {
    await expect(produce(as('plans'), logicalTopics.approvalCase)).rejects.toThrow(/authoriz/i);
    await expect(produce(as('approvals'), logicalTopics.approvalCase)).resolves.toBeUndefined();
  });

  it('refuses topic creation to a service principal: topics come from the init step', async () => {
    const admin = client(as('plans')).admin();
    await admin.connect();
    try {
      const refused = (await admin
        .createTopics({ topics: [{ topic: 'plans.sneaky', numPartitions: 1 }], waitForLeaders: true })
        .catch((err: unknown) => err)) as { errors?: { type: string }[] };
      expect(refused.errors?.map((e) => e.type)).toEqual(['TOPIC_AUTHORIZATION_FAILED']);
    } finally {
      await admin.disconnect();
    }
  });
});
