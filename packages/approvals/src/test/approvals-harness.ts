import {
  createInternalTokenSigner,
  generateInternalKeyPair,
  internalTokenHeader,
  type Principal,
} from '@tradepilot/auth';
import { reportSubmittedV1, type EventData, type EventDefinition } from '@tradepilot/contracts';
import { createKafka, createProducer, TopicNames, type Producer } from '@tradepilot/messaging';
import { startService, type RunningService } from '@tradepilot/service-kit';
import {
  dropPrefixedDatabases,
  deletePrefixedTopics,
  EventRecorder,
  testPrincipals,
  MovableClock,
  inProcessServiceEnv,
} from '@tradepilot/test-stack';
import { infraConnection, uniqueSuffix } from '@tradepilot/testing';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { MongoClient } from 'mongodb';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import type { ApprovalsRouter } from '../approvals-router';
import { approvalsService } from '../approvals-service';

export type ApprovalsClient = ReturnType<typeof createTRPCClient<ApprovalsRouter>>;

export const principals = {
  ...testPrincipals,
  mofcomDeputy: {
    userId: 'mofcom-deputy',
    tenant: null,
    roles: ['department-liaison'],
    organisationId: 'mofcom',
  },
  mct: { userId: 'mct-liaison', tenant: null, roles: ['department-liaison'], organisationId: 'mct' },
} satisfies Record<string, Principal>;

/**
 * The approvals service in this process (so the test owns its clock) on the real Kafka and
 * FerretDB, with prefixes of its own; called over HTTP with internal tokens as the gateway would.
 */
export class ApprovalsHarness {
  readonly run = uniqueSuffix();
  readonly topicPrefix = `ap${this.run}.`;
  readonly databasePrefix = `ap${this.run}_`;
  readonly topics = new TopicNames(this.topicPrefix);
  readonly recorder = this.diagnosingRecorder(new EventRecorder(this.topicPrefix));
  private readonly keys = generateInternalKeyPair();
  private readonly signer = createInternalTokenSigner(this.keys.privateKeyPem);
  private readonly infra = infraConnection();
  private producer: Producer | undefined;
  service: RunningService | undefined;

  constructor(readonly clock: MovableClock) {}

  get env(): NodeJS.ProcessEnv {
    return inProcessServiceEnv(
      {
        topicPrefix: this.topicPrefix,
        databasePrefix: this.databasePrefix,
        publicKeyPem: this.keys.publicKeyPem,
      },
      { SCHEDULER_POLL_MS: '150' },
    );
  }

  async start(): Promise<void> {
    this.service = await startService(approvalsService, { env: this.env, now: this.clock.now });
    // what the test publishes next finds its topics served and the group ready
    await this.service.consumersJoined();
    if (!this.producer) {
      const kafka = createKafka({
        brokers: this.infra.kafkaBrokers,
        clientId: 'approvals-test',
        logger: pino({ level: 'silent' }),
      });
      this.producer = createProducer(kafka);
      await this.producer.connect();
      await this.recorder.start(['approvals.case', 'approvals.delegation', 'approvals.application']);
    }
  }

  async stopService(): Promise<void> {
    await this.service?.stop();
    this.service = undefined;
  }

  async close(): Promise<void> {
    await this.stopService();
    await this.recorder.stop();
    await this.producer?.disconnect();
    await dropPrefixedDatabases(this.infra.mongoUrl, this.databasePrefix, ['approvals']);
    await deletePrefixedTopics(this.infra.kafkaBrokers, this.topicPrefix).catch(() => undefined);
  }

  client(principal: Principal): ApprovalsClient {
    const url = `${this.service?.url ?? ''}/trpc`;
    return createTRPCClient<ApprovalsRouter>({
      links: [
        httpBatchLink({
          url,
          headers: async () => ({ [internalTokenHeader]: await this.signer.sign(principal, 'approvals') }),
        }),
      ],
    });
  }

  /** Publishes an event as its owning service would; returns the envelope (to redeliver it). */
  async publish<D extends EventDefinition>(
    definition: D,
    data: EventData<D>,
    options: { tenant: string; aggregateId: string; sequence?: number; actor?: Principal },
  ) {
    const actor = options.actor ?? principals.guangzhou;
    const envelope = {
      id: randomUUID(),
      type: definition.type,
      tenant: options.tenant,
      aggregateId: options.aggregateId,
      sequence: options.sequence ?? 1,
      occurredAt: this.clock.now().toISOString(),
      actor: { userId: actor.userId, role: actor.roles[0], organisationId: actor.organisationId },
      causationId: null,
      data,
    };
    definition.envelope.parse(envelope);
    await this.send(definition.topic, envelope);
    return envelope;
  }

  /** A pilot area's progress report for 2026-Q1 (in Guangdong unless said), as supervision would publish it. */
  async submitReport(
    pilotAreaId: string,
    title: { 'zh-CN': string; en: string },
    tenant = 'guangdong',
  ): Promise<string> {
    const reportId = randomUUID();
    await this.publish(
      reportSubmittedV1,
      {
        reportId,
        pilotAreaId,
        periodId: '2026-Q1',
        title,
        submission: 1,
        submittedAt: this.clock.now().toISOString(),
      },
      { tenant, aggregateId: reportId },
    );
    return reportId;
  }

  async send(topic: string, envelope: { type: string; tenant: string; aggregateId: string }): Promise<void> {
    await this.producer?.send({
      topic: this.topics.physical(topic),
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

  /** Direct reads of this run's databases, to prove what a refused call did not change. */
  async withDatabase<T>(tenant: string, read: (db: ReturnType<MongoClient['db']>) => Promise<T>): Promise<T> {
    const client = await MongoClient.connect(this.infra.mongoUrl, { directConnection: true });
    try {
      return await read(client.db(`${this.databasePrefix}approvals_${tenant}`));
    } finally {
      await client.close();
    }
  }

  /** A wait for an event that, when it fails, says what the outboxes, the relay and the recorder hold. */
  private diagnosingRecorder(recorder: EventRecorder): EventRecorder {
    const wait = recorder.waitForEvent.bind(recorder);
    recorder.waitForEvent = (type, predicate, options) =>
      wait(type, predicate, options).catch(async (err: Error) => {
        const pending = await this.withDatabase('guangdong', (db) =>
          db
            .collection('cases')
            .find({ 'outbox.0': { $exists: true } })
            .toArray(),
        );
        const state = {
          relay: this.service?.deps.relay.stats,
          recorded: recorder.events.length,
          pending: pending.map((d) => ({
            id: d['_id'],
            lease: d['relayLeaseUntil'],
            outbox: (d['outbox'] as { type: string }[]).map((o) => o.type),
          })),
        };
        throw new Error(`${err.message}; ${JSON.stringify(state)}`);
      });
    return recorder;
  }

  /** What the database and the recorder hold for a case (printed when a wait fails). */
  async diagnose(tenant: string, caseId: string) {
    const doc = (await this.withDatabase(
      tenant,
      async (db) =>
        (await db.collection('cases').findOne({ _id: caseId as never })) ??
        (await db.collection('decided_cases').findOne({ _id: caseId as never })),
    )) as {
      lastSequence?: number;
      outbox?: { type: string }[];
      relayLeaseUntil?: Date | null;
      version?: number;
    } | null;
    return {
      version: doc?.version,
      lastSequence: doc?.lastSequence,
      outbox: doc?.outbox?.map((o) => o.type),
      relayLeaseUntil: doc?.relayLeaseUntil,
      recorded: this.recorder.events
        .filter((e) => e.envelope?.aggregateId === caseId)
        .map((e) => `${e.envelope?.sequence}:${e.envelope?.type}`),
    };
  }

  eventsOf(type: string, caseId: string) {
    return this.recorder.ofType(type, (e) => e.envelope?.aggregateId === caseId);
  }
}

/** The tRPC error a call failed with, with its app code and bilingual messages. */
export async function failure(call: Promise<unknown>) {
  const error = await call.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCClientError)) throw error;
  return error as TRPCClientError<ApprovalsRouter> & {
    data: {
      code: string;
      appCode: string;
      messages: { 'zh-CN': string; en: string };
      issues?: { path: string }[];
    };
  };
}

export const planTask = {
  id: 't1',
  measureIds: ['M-3-02'],
  description: '推进服务贸易数字化',
  leadUnit: '广州市商务局',
  supportingUnits: [],
  milestones: [],
  kpis: [],
  keyProgram: false,
};

export { MovableClock };
