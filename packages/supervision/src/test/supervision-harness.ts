import {
  createInternalTokenSigner,
  generateInternalKeyPair,
  internalTokenHeader,
  type Principal,
} from '@tradepilot/auth';
import { planApprovedV1, type EventData, type EventDefinition, type PlanTask } from '@tradepilot/contracts';
import { createKafka, createProducer, TopicNames, type Producer } from '@tradepilot/messaging';
import type { Admin } from 'kafkajs';
import { startService, type RunningService } from '@tradepilot/service-kit';
import {
  deletePrefixedTopics,
  dropPrefixedDatabases,
  testPrincipals,
  MovableClock,
  inProcessServiceEnv,
} from '@tradepilot/test-stack';
import { eventually, infraConnection, uniqueSuffix } from '@tradepilot/testing';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { MongoClient } from 'mongodb';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import type { SupervisionRouter } from '../supervision-router';
import { supervisionService } from '../supervision-service';

export type SupervisionClient = ReturnType<typeof createTRPCClient<SupervisionRouter>>;

export const principals = {
  ...testPrincipals,
  liaoning: {
    userId: 'liaoning-province',
    tenant: 'liaoning',
    roles: ['province-officer'],
    organisationId: 'liaoning',
  },
  zhejiang: {
    userId: 'zhejiang-province',
    tenant: 'zhejiang',
    roles: ['province-officer'],
    organisationId: 'zhejiang',
  },
} satisfies Record<string, Principal>;

export const planTask = (id: string, measureIds: string[]): PlanTask => ({
  id,
  measureIds,
  description: `任务 ${id}`,
  leadUnit: '市商务局',
  supportingUnits: [],
  milestones: [{ title: '启动', due: '2026-06-30' }],
  kpis: [{ name: '服务贸易额', unit: '亿元', baseline: 100, target: 120, due: '2026-12-31' }],
  keyProgram: false,
});

/**
 * A plan approved for a pilot area of round 2020, in force 2026-2028, as the plans service
 * publishes it: each test gives the area, the tasks and what its case needs beyond that.
 */
export const approvedPlan = (
  plan: Pick<EventData<typeof planApprovedV1>, 'pilotAreaId' | 'tasks' | 'measureCoverage'> &
    Partial<EventData<typeof planApprovedV1>>,
): EventData<typeof planApprovedV1> => ({
  planId: randomUUID(),
  round: 2020,
  title: { 'zh-CN': `${plan.pilotAreaId} 实施方案`, en: `${plan.pilotAreaId} plan` },
  period: { start: '2026-01-01', end: '2028-12-31' },
  submission: 1,
  amendment: false,
  status: 'approved',
  caseId: randomUUID(),
  approvedAt: '2025-12-15T02:00:00.000Z',
  ...plan,
});

/**
 * The supervision service in this process (so the test owns its clock) on the real Kafka and
 * FerretDB, with prefixes of its own; called over HTTP with internal tokens as the gateway would.
 */
export class SupervisionHarness {
  readonly run = uniqueSuffix();
  readonly topicPrefix = `sv${this.run}.`;
  readonly databasePrefix = `sv${this.run}_`;
  readonly topics = new TopicNames(this.topicPrefix);
  private readonly keys = generateInternalKeyPair();
  private readonly signer = createInternalTokenSigner(this.keys.privateKeyPem);
  private readonly infra = infraConnection();
  private producer: Producer | undefined;
  private admin: Admin | undefined;
  service: RunningService | undefined;

  constructor(readonly clock: MovableClock) {}

  get env(): NodeJS.ProcessEnv {
    return inProcessServiceEnv(
      {
        topicPrefix: this.topicPrefix,
        databasePrefix: this.databasePrefix,
        publicKeyPem: this.keys.publicKeyPem,
      },
      { SCHEDULER_POLL_MS: '100' },
    );
  }

  async start(): Promise<void> {
    this.service = await startService(supervisionService, { env: this.env, now: this.clock.now });
    // what the test publishes next finds its topics served and the group ready
    await this.service.consumersJoined();
    if (!this.producer) {
      const kafka = createKafka({
        brokers: this.infra.kafkaBrokers,
        clientId: 'supervision-test',
        logger: pino({ level: 'silent' }),
      });
      this.producer = createProducer(kafka);
      await this.producer.connect();
      this.admin = kafka.admin();
      await this.admin.connect();
    }
  }

  async close(): Promise<void> {
    await this.service?.stop();
    this.service = undefined;
    await this.producer?.disconnect();
    await this.admin?.disconnect();
    await dropPrefixedDatabases(this.infra.mongoUrl, this.databasePrefix, ['supervision']);
    await deletePrefixedTopics(this.infra.kafkaBrokers, this.topicPrefix).catch(() => undefined);
  }

  client(principal: Principal): SupervisionClient {
    const url = `${this.service?.url ?? ''}/trpc`;
    return createTRPCClient<SupervisionRouter>({
      links: [
        httpBatchLink({
          url,
          headers: async () => ({ [internalTokenHeader]: await this.signer.sign(principal, 'supervision') }),
        }),
      ],
    });
  }

  /** Uploads a file to the service's attachment route (multipart), as the gateway forwards it. */
  async upload(principal: Principal, filename: string, content: Buffer): Promise<{ id: string }> {
    const form = new FormData();
    form.append('file', new Blob([content]), filename);
    const answer = await fetch(`${this.service?.url ?? ''}/attachments`, {
      method: 'POST',
      headers: { [internalTokenHeader]: await this.signer.sign(principal, 'supervision') },
      body: form,
    });
    const body = (await answer.json()) as { attachment: { id: string } };
    if (answer.status !== 201) throw new Error(`upload refused: ${answer.status} ${JSON.stringify(body)}`);
    return body.attachment;
  }

  /** Downloads an attachment from the service's attachment route; the HTTP status and the bytes. */
  async download(
    principal: Principal,
    tenant: string,
    id: string,
  ): Promise<{ status: number; body: Buffer }> {
    const answer = await fetch(`${this.service?.url ?? ''}/attachments/${tenant}/${id}`, {
      headers: { [internalTokenHeader]: await this.signer.sign(principal, 'supervision') },
    });
    return { status: answer.status, body: Buffer.from(await answer.arrayBuffer()) };
  }

  /** Publishes an event as its owning service would; returns the envelope (to redeliver it). */
  async publish<D extends EventDefinition>(
    definition: D,
    data: EventData<D>,
    options: { tenant: string; aggregateId: string; sequence: number; actor?: Principal },
  ) {
    const actor = options.actor ?? principals.guangdong;
    const envelope = {
      id: randomUUID(),
      type: definition.type,
      tenant: options.tenant,
      aggregateId: options.aggregateId,
      sequence: options.sequence,
      occurredAt: this.clock.now().toISOString(),
      actor: { userId: actor.userId, role: actor.roles[0], organisationId: actor.organisationId },
      causationId: null,
      data,
    };
    definition.envelope.parse(envelope);
    await this.send(definition.topic, envelope);
    return envelope;
  }

  /** Publishes a plan's approval as the plans service does: the ministry's decision, the plan's 4th event. */
  publishApproval(plan: EventData<typeof planApprovedV1>, tenant = 'guangdong') {
    return this.publish(planApprovedV1, plan, {
      tenant,
      aggregateId: plan.planId,
      sequence: 4,
      actor: principals.ministry,
    });
  }

  /** Waits until each pilot area's plan is in force here, read by an officer of its province. */
  async untilInForce(areas: { pilotAreaId: string; reader?: Principal }[]): Promise<void> {
    await eventually(
      async () => {
        for (const { pilotAreaId, reader = principals.guangdong } of areas) {
          const held = await this.client(reader)
            .supervisedPlan.get.query({ pilotAreaId })
            .then(
              () => true,
              () => false,
            );
          if (!held) return false;
        }
        return true;
      },
      { description: `the plans in force (${areas.map((a) => a.pilotAreaId).join(', ')})` },
    );
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

  /** True once the service's consumer group has committed everything on `topic` so far. */
  async consumedAll(topic: string): Promise<boolean> {
    const physical = this.topics.physical(topic);
    const ends = (await this.admin?.fetchTopicOffsets(physical)) ?? [];
    const [committed] =
      (await this.admin?.fetchOffsets({ groupId: `${this.topicPrefix}supervision`, topics: [physical] })) ??
      [];
    return ends.every((end) => {
      const at = committed?.partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
      // a partition nothing was ever committed on is consumed only when it holds nothing
      return at === '-1' ? end.high === end.low : BigInt(at) >= BigInt(end.high);
    });
  }

  /** Direct reads of this run's databases. */
  async withDatabase<T>(tenant: string, read: (db: ReturnType<MongoClient['db']>) => Promise<T>): Promise<T> {
    const client = await MongoClient.connect(this.infra.mongoUrl, { directConnection: true });
    try {
      return await read(client.db(`${this.databasePrefix}supervision_${tenant}`));
    } finally {
      await client.close();
    }
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
  return error as TRPCClientError<SupervisionRouter> & {
    data: { appCode: string; messages: { 'zh-CN': string; en: string } };
  };
}

export { MovableClock };
