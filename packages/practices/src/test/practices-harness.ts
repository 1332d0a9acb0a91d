import {
  createInternalTokenSigner,
  generateInternalKeyPair,
  internalTokenHeader,
  type Principal,
} from '@tradepilot/auth';
import { approvalCaseCompletedV1, type EventData } from '@tradepilot/contracts';
import { createKafka, createProducer, TopicNames, type Producer } from '@tradepilot/messaging';
import { startService, type RunningService } from '@tradepilot/service-kit';
import {
  deletePrefixedTopics,
  dropPrefixedDatabases,
  EventRecorder,
  testPrincipals,
  inProcessServiceEnv,
} from '@tradepilot/test-stack';
import { infraConnection, uniqueSuffix } from '@tradepilot/testing';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import type { PracticesRouter } from '../practices-router';
import { practicesService } from '../practices-service';

export type PracticesClient = ReturnType<typeof createTRPCClient<PracticesRouter>>;

export const principals = testPrincipals;

/**
 * The practices service in this process on the real Kafka and FerretDB, with prefixes of its own;
 * called over HTTP with internal tokens as the gateway would. Decisions of the approvals engine are
 * published as that service would publish them.
 */
export class PracticesHarness {
  readonly run = uniqueSuffix();
  readonly topicPrefix = `pr${this.run}.`;
  readonly databasePrefix = `pr${this.run}_`;
  readonly topics = new TopicNames(this.topicPrefix);
  readonly recorder = new EventRecorder(this.topicPrefix);
  private readonly keys = generateInternalKeyPair();
  private readonly signer = createInternalTokenSigner(this.keys.privateKeyPem);
  private readonly infra = infraConnection();
  readonly mongoUrl = this.infra.mongoUrl;
  private producer: Producer | undefined;
  service: RunningService | undefined;

  async start(): Promise<void> {
    this.service = await startService(practicesService, {
      env: inProcessServiceEnv({
        topicPrefix: this.topicPrefix,
        databasePrefix: this.databasePrefix,
        publicKeyPem: this.keys.publicKeyPem,
      }),
    });
    // what the test publishes next finds its topics served and the group ready
    await this.service.consumersJoined();
    const kafka = createKafka({
      brokers: this.infra.kafkaBrokers,
      clientId: 'practices-test',
      logger: pino({ level: 'silent' }),
    });
    this.producer = createProducer(kafka);
    await this.producer.connect();
    await this.recorder.start(['practices.practice', 'practices.batch', 'practices.adoption']);
  }

  async close(): Promise<void> {
    await this.service?.stop();
    await this.recorder.stop();
    await this.producer?.disconnect();
    await dropPrefixedDatabases(this.infra.mongoUrl, this.databasePrefix, ['practices']);
    await deletePrefixedTopics(this.infra.kafkaBrokers, this.topicPrefix).catch(() => undefined);
  }

  client(principal: Principal): PracticesClient {
    return createTRPCClient<PracticesRouter>({
      links: [
        httpBatchLink({
          url: `${this.service?.url ?? ''}/trpc`,
          headers: async () => ({ [internalTokenHeader]: await this.signer.sign(principal, 'practices') }),
        }),
      ],
    });
  }

  async token(principal: Principal): Promise<Record<string, string>> {
    return { [internalTokenHeader]: await this.signer.sign(principal, 'practices') };
  }

  /** The approvals engine's decision on a practice case, as that service publishes it. */
  async decide(
    tenant: string,
    data: Omit<EventData<typeof approvalCaseCompletedV1>, 'caseType' | 'decidedAt' | 'level'>,
  ) {
    const envelope = {
      id: randomUUID(),
      type: approvalCaseCompletedV1.type,
      tenant,
      aggregateId: data.caseId,
      sequence: 1,
      occurredAt: new Date().toISOString(),
      actor: { userId: 'mofcom-officer', role: 'ministry-officer' as const, organisationId: 'mofcom' },
      causationId: null,
      data: { ...data, caseType: 'practice', level: 2, decidedAt: new Date().toISOString() },
    };
    approvalCaseCompletedV1.envelope.parse(envelope);
    await this.redeliver(envelope);
    return envelope;
  }

  async redeliver(envelope: { type: string; tenant: string; aggregateId: string }): Promise<void> {
    await this.producer?.send({
      topic: this.topics.physical(approvalCaseCompletedV1.topic),
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
}
