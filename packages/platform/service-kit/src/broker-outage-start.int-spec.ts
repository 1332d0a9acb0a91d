import { planSubmittedV1, topics as logicalTopics } from '@tradepilot/contracts';
import {
  addOutboxFields,
  eventDraft,
  eventHandler,
  insertOnce,
  type OutboxFields,
} from '@tradepilot/messaging';
import { defineModel, tenantScope } from '@tradepilot/tenancy';
import { eventually, infraConnection, PrivateKafka, uniqueSuffix } from '@tradepilot/testing';
import { Schema } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { baseConfigSchema } from './config';
import { defineService } from './service-definition';
import { startService, type RunningService } from './service-runtime';
import { router } from './trpc';

interface Note extends OutboxFields {
  _id: string;
  kind: string;
}
const noteModel = defineModel<Note>({
  name: 'BrokerlessNote',
  collection: 'notes',
  placement: 'tenant',
  outbox: true,
  schema: addOutboxFields(new Schema<Note>({ _id: String, kind: String })),
});

const actor = {
  userId: 'gd-province-officer',
  role: 'province-officer' as const,
  organisationId: 'guangdong',
};

describe('a service started while its broker is down (killed -9)', () => {
  const run = uniqueSuffix();
  let broker: PrivateKafka;
  let service: RunningService | undefined;

  beforeAll(async () => {
    broker = await PrivateKafka.start();
    await broker.kill9();
  }, 180_000);

  afterAll(async () => {
    await service?.stop();
    const scope = tenantScope('guangdong');
    await service?.deps.databases.dropDatabase(scope).catch(() => undefined);
    broker?.remove();
  }, 60_000);

  it('starts, stays ready, takes a command (2xx), and publishes and consumes it once the broker is back', async () => {
    const definition = defineService({
      name: 'brokerless',
      defaultPort: 0,
      configSchema: baseConfigSchema,
      models: [noteModel],
      topics: [logicalTopics.plan],
      setup: (deps) => ({
        router: router({}),
        // the service's own consumer: the event's effect is a second note under a derived id
        handlers: [
          eventHandler(planSubmittedV1, async (event) => {
            const notes = await deps.databases.model(tenantScope(event.tenant), noteModel);
            await insertOnce(() => notes.create({ _id: `seen:${event.data.planId}`, kind: 'seen' }));
          }),
        ],
        http: (app) => {
          app.post('/commands/:id', async (req, res) => {
            const notes = await deps.databases.model(tenantScope('guangdong'), noteModel);
            await deps.outbox.create(
              notes,
              { _id: req.params.id, kind: 'command' },
              [
                eventDraft(planSubmittedV1, {
                  planId: req.params.id,
                  pilotAreaId: 'guangzhou',
                  title: { 'zh-CN': '广州实施方案', en: 'Guangzhou plan' },
                  submission: 1,
                  submittedAt: new Date().toISOString(),
                  tasks: [],
                }),
              ],
              { tenant: 'guangdong', actor },
            );
            res.status(201).json({ id: req.params.id });
          });
        },
      }),
    });
    const started = Date.now();
    service = await startService(definition, {
      env: {
        HOST: '127.0.0.1',
        PORT: '0',
        MONGODB_URL: infraConnection().mongoUrl,
        KAFKA_BROKERS: broker.brokers.join(','),
        KAFKA_TOPIC_PREFIX: `nb${run}.`,
        DATABASE_PREFIX: `nb${run}_`,
        RELAY_POLL_MS: '500',
        RELAY_SCOPE_LIST_TTL_MS: '500',
        LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'silent',
      },
    });
    // serving without the broker, within the start wait rather than never
    expect(Date.now() - started).toBeLessThan(60_000);
    const live = await fetch(`${service.url}/health/live`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${service.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, checks: { database: true, producer: false } });

    const id = randomUUID();
    const answer = await fetch(`${service.url}/commands/${id}`, { method: 'POST' });
    expect(answer.status).toBe(201);
    const notes = await service.deps.databases.model(tenantScope('guangdong'), noteModel);
    expect((await notes.findById(id).lean())?.outbox).toHaveLength(1);

    broker.start();
    await eventually(async () => Boolean(await notes.findById(`seen:${id}`).lean()), {
      description: 'the event published and consumed after the broker came back',
      timeoutMs: 120_000,
      intervalMs: 1000,
    });
    expect((await notes.findById(id).lean())?.outbox).toEqual([]);
    const report = await service.readiness();
    expect(report).toMatchObject({ ready: true, checks: { producer: true }, relay: { quarantined: 0 } });
  }, 300_000);
});
