import {
  createInternalTokenSigner,
  generateInternalKeyPair,
  internalTokenHeader,
  type Principal,
} from '@tradepilot/auth';
import type { EventData, EventDefinition } from '@tradepilot/contracts';
import { createKafka, createProducer, TopicNames, type Producer } from '@tradepilot/messaging';
import { startService, type RunningService } from '@tradepilot/service-kit';
import { deletePrefixedTopics, dropPrefixedDatabases, inProcessServiceEnv } from '@tradepilot/test-stack';
import { infraConnection, uniqueSuffix } from '@tradepilot/testing';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { MongoClient } from 'mongodb';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import type { planRouter } from '../plan-router';
import { plansService } from '../plans-service';

type PlanRouter = ReturnType<typeof planRouter>;
export type PlansClient = ReturnType<typeof createTRPCClient<PlanRouter>>;

/**
 * The plans service in this process on the real Kafka and FerretDB, with prefixes of its own;
 * called over HTTP with internal tokens as the gateway would, and sent the events other services
 * would publish.
 */
export class PlansHarness {
  readonly run = uniqueSuffix();
  readonly topicPrefix = `pl${this.run}.`;
  readonly databasePrefix = `pl${this.run}_`;
  readonly topics = new TopicNames(this.topicPrefix);
  private readonly keys = generateInternalKeyPair();
  private readonly signer = createInternalTokenSigner(this.keys.privateKeyPem);
  private readonly infra = infraConnection();
  private producer: Producer | undefined;
  service: RunningService | undefined;

  get env(): NodeJS.ProcessEnv {
    return inProcessServiceEnv({
      topicPrefix: this.topicPrefix,
      databasePrefix: this.databasePrefix,
      publicKeyPem: this.keys.publicKeyPem,
    });
  }

  async start(): Promise<void> {
    this.service = await startService(plansService, { env: this.env });
    // what the test publishes next finds its topics served and the group ready
    await this.service.consumersJoined();
    if (!this.producer) {
      const kafka = createKafka({
        brokers: this.infra.kafkaBrokers,
        clientId: 'plans-test',
        logger: pino({ level: 'silent' }),
      });
      this.producer = createProducer(kafka);
      await this.producer.connect();
    }
  }

  async stopService(): Promise<void> {
    await this.service?.stop();
    this.service = undefined;
  }

  async close(): Promise<void> {
    await this.stopService();
    await this.producer?.disconnect();
    await dropPrefixedDatabases(this.infra.mongoUrl, this.databasePrefix, ['plans']);
    await deletePrefixedTopics(this.infra.kafkaBrokers, this.topicPrefix).catch(() => undefined);
  }

  client(principal: Principal): PlansClient {
    const url = `${this.service?.url ?? ''}/trpc`;
    return createTRPCClient<PlanRouter>({
      links: [
        httpBatchLink({
          url,
          headers: async () => ({ [internalTokenHeader]: await this.signer.sign(principal, 'plans') }),
        }),
      ],
    });
  }

  /** Publishes an event as its owning service would (message key: the aggregate id). */
  async publish<D extends EventDefinition>(
    definition: D,
    data: EventData<D>,
    options: { tenant: string; aggregateId: string; actor: Principal },
  ): Promise<void> {
    const envelope = {
      id: randomUUID(),
      type: definition.type,
      tenant: options.tenant,
      aggregateId: options.aggregateId,
      sequence: 1,
      occurredAt: new Date().toISOString(),
      actor: {
        userId: options.actor.userId,
        role: options.actor.roles[0],
        organisationId: options.actor.organisationId,
      },
      causationId: null,
      data,
    };
    definition.envelope.parse(envelope);
    await this.producer?.send({
      topic: this.topics.physical(definition.topic),
      acks: -1,
      messages: [
        {
          key: envelope.aggregateId,
          value: JSON.stringify(envelope),
          headers: { 'event-type': envelope.type, tenant: envelope.tenant },
        },
      ],
    });
  }

  /** Direct reads and writes of this run's database of a province. */
  async withDatabase<T>(tenant: string, use: (db: ReturnType<MongoClient['db']>) => Promise<T>): Promise<T> {
    const client = await MongoClient.connect(this.infra.mongoUrl, { directConnection: true });
    try {
      return await use(client.db(`${this.databasePrefix}plans_${tenant}`));
    } finally {
      await client.close();
    }
  }
}
