import {
  ConsumerRunner,
  createKafka,
  createProducer,
  ensureTopics,
  Outbox,
  OutboxRelay,
  relayTimings,
  TopicNames,
  type RelayStats,
  type StalledPartition,
} from '@tradepilot/messaging';
import { createLogger, shutdownTelemetry } from '@tradepilot/telemetry';
import { connectDatabase, pingDatabase, TenantDatabases, TenantRegistry } from '@tradepilot/tenancy';
import express from 'express';
import { writeFileSync } from 'node:fs';
import helmet from 'helmet';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { z } from 'zod';
import { checkReplication, ConfigError, loadConfig, type BaseConfig } from './config';
import { brokerConnection } from './broker-connection';
import { mountQuarantineRoutes } from './quarantine-routes';
import { traceIdResponseHeader } from './http-basics';
import { idempotencyKeyModel } from './idempotency-key-model';
import { IdempotencyKeys } from './idempotent-creation';
import { assertRegisteredConsumption, registeredPort, registeredTopics } from './service-registration';
import { mountInternalApi, requireInternalToken } from './internal-trpc';
import type { BackgroundTask, ReadinessCheck, ServiceDefinition, ServiceDeps } from './service-definition';

export interface ReadinessReport {
  /** the API can serve: the database answers. Kafka is reported, never withdrawn for (outboxes hold the events) */
  ready: boolean;
  checks: Record<string, boolean>;
  stalledPartitions: StalledPartition[];
  relay: RelayStats;
}

export interface RunningService<TConfig extends BaseConfig = BaseConfig> {
  url: string;
  deps: ServiceDeps<TConfig>;
  readiness(): Promise<ReadinessReport>;
  /**
   * Resolves once the consumers have joined their group (start does not wait for it): a test
   * that publishes right after start knows the topics are assigned and served by then.
   */
  consumersJoined(timeoutMs?: number): Promise<void>;
  /** DESIGN.md's order: HTTP, consumers (commit), background tasks, relay, producer, database, telemetry */
  stop(): Promise<void>;
}

export interface StartOptions {
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
}

export async function startService<TSchema extends z.ZodType<BaseConfig>>(
  definition: ServiceDefinition<TSchema>,
  { env = process.env, now = () => new Date() }: StartOptions = {},
): Promise<RunningService<z.infer<TSchema>>> {
  const config = loadConfig(definition.name, definition.configSchema, {
    PORT: String(definition.defaultPort ?? registeredPort(definition.name)),
    ...env,
  }) as z.infer<TSchema>;
  const replicationProblems = checkReplication(config);
  if (replicationProblems.length > 0) throw new ConfigError(definition.name, replicationProblems);
  const logger = createLogger(definition.name, { level: config.LOG_LEVEL });
  const timings = relayTimings({
    requestTimeoutMs: config.KAFKA_REQUEST_TIMEOUT_MS,
    connectionTimeoutMs: config.KAFKA_CONNECTION_TIMEOUT_MS,
    sendRetries: config.RELAY_SEND_RETRIES,
  });

  const root = await connectDatabase({ url: config.MONGODB_URL });
  const registry = TenantRegistry.fromSeed();
  const databases = new TenantDatabases(root, {
    service: definition.name,
    registry,
    // every service may take idempotency keys: their collection is the kit's, in each database
    models: [...definition.models, idempotencyKeyModel],
    databasePrefix: config.DATABASE_PREFIX,
  });

  const kafka = createKafka({
    brokers: config.KAFKA_BROKERS,
    clientId: definition.name,
    logger,
    connectionTimeoutMs: timings.connectionTimeoutMs,
    requestTimeoutMs: timings.requestTimeoutMs,
    ssl: config.KAFKA_SSL,
    ...(config.KAFKA_SASL_USERNAME && config.KAFKA_SASL_PASSWORD
      ? {
          sasl: {
            mechanism: config.KAFKA_SASL_MECHANISM,
            username: config.KAFKA_SASL_USERNAME,
            password: config.KAFKA_SASL_PASSWORD,
          },
        }
      : {}),
  });
  const topics = new TopicNames(config.KAFKA_TOPIC_PREFIX);
  const startTopics = definition.topics ?? registeredTopics(definition.name);
  const producer = createProducer(kafka, timings);
  let producerConnected = false;
  producer.on(producer.events.CONNECT, () => (producerConnected = true));
  producer.on(producer.events.DISCONNECT, () => (producerConnected = false));

  const relay = new OutboxRelay({
    databases,
    producer,
    topics,
    logger,
    pollIntervalMs: config.RELAY_POLL_MS,
    idlePollMaxMs: config.RELAY_IDLE_POLL_MAX_MS,
    scopeListTtlMs: config.RELAY_SCOPE_LIST_TTL_MS,
    timings,
    maxMessageBytes: config.KAFKA_MAX_MESSAGE_BYTES,
    refusalsBeforeQuarantine: config.RELAY_REFUSALS_BEFORE_QUARANTINE,
  });
  const outbox = new Outbox((tenant, written) => relay.nudge(tenant, written));
  const deps: ServiceDeps<z.infer<TSchema>> = {
    name: definition.name,
    config,
    logger,
    registry,
    databases,
    outbox,
    relay,
    kafka,
    producer,
    topics,
    now,
    idempotency: new IdempotencyKeys(databases, now),
  };

  const parts = await definition.setup(deps);
  const handlers = parts.handlers ?? [];
  assertRegisteredConsumption(definition.name, handlers);
  const consumer =
    handlers.length > 0
      ? new ConsumerRunner({
          kafka,
          groupId: `${config.KAFKA_TOPIC_PREFIX}${definition.consumerGroup ?? definition.name}`,
          topics,
          handlers,
          producer,
          logger,
          retries: config.CONSUMER_RETRIES,
          backoffMs: config.CONSUMER_BACKOFF_MS,
          partitionConcurrency: config.CONSUMER_PARTITION_CONCURRENCY,
        })
      : undefined;
  const tasks: BackgroundTask[] = parts.tasks ?? [];

  // only the database gates readiness: with Kafka down commands still land in the outboxes
  const checks: ReadinessCheck[] = [{ name: 'database', check: () => pingDatabase(root) }];
  const reported: ReadinessCheck[] = [
    { name: 'producer', check: () => producerConnected },
    ...(consumer ? [{ name: 'consumers', check: () => consumer.isRunning() }] : []),
  ];
  const readiness = async (): Promise<ReadinessReport> => {
    const gating = await Promise.all(checks.map(async (c) => [c.name, await c.check()] as const));
    const informative = await Promise.all(reported.map(async (c) => [c.name, await c.check()] as const));
    return {
      ready: gating.every(([, ok]) => ok),
      checks: Object.fromEntries([...gating, ...informative]),
      // partitions held by an outage: events wait (nothing lost), operators see where and why
      stalledPartitions: consumer?.stalledPartitions() ?? [],
      relay: { ...relay.stats },
    };
  };

  const app = express();
  app.disable('x-powered-by');
  // security headers on every response of every service (helmet's defaults)
  app.use(helmet());
  app.use(traceIdResponseHeader);
  app.get('/health/live', (_req, res) => void res.json({ status: 'live', service: definition.name }));
  app.get('/health/ready', async (_req, res) => {
    const report = await readiness();
    res.status(report.ready ? 200 : 503).json({ status: report.ready ? 'ready' : 'not-ready', ...report });
  });
  if (parts.http) {
    await parts.http(app);
  } else {
    const publicKeyPem = (config as BaseConfig & { INTERNAL_TOKEN_PUBLIC_KEY?: string })
      .INTERNAL_TOKEN_PUBLIC_KEY;
    if (!publicKeyPem)
      throw new Error(`${definition.name}: INTERNAL_TOKEN_PUBLIC_KEY is required to serve /trpc`);
    mountInternalApi(app, {
      router: parts.router,
      service: definition.name,
      publicKeyPem,
      bodyLimit: config.BODY_LIMIT,
      logger,
      version: config.SERVICE_VERSION,
      requestDeadlineMs: config.REQUEST_DEADLINE_MS,
    });
    const tokenRequired = requireInternalToken({ service: definition.name, publicKeyPem, logger });
    for (const route of parts.internalRoutes ?? []) app.use(route.path, tokenRequired, route.handler);
    mountQuarantineRoutes(app, {
      databases,
      tokenRequired,
      now,
      logger,
      replayRequested: (tenant) => relay.nudge(tenant),
    });
  }

  // the broker may be down at start: the API serves anyway, topics, producer and consumers come
  // up when it answers, and the relay publishes what waited in the outboxes meanwhile
  const broker = brokerConnection({
    logger,
    connect: async () => {
      if (config.KAFKA_CREATE_TOPICS)
        await ensureTopics(kafka, topics, startTopics, {
          partitions: config.TOPIC_PARTITIONS,
          replicationFactor: config.KAFKA_REPLICATION_FACTOR,
          minInsyncReplicas: config.KAFKA_MIN_INSYNC_REPLICAS,
        });
      await producer.connect();
      consumer?.begin();
    },
  });
  await broker.start();
  for (const task of tasks) await task.start();
  if (config.RELAY_ENABLED) relay.start();
  else logger.warn('outbox relay paused (RELAY_ENABLED=false): events wait in the outboxes');

  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(config.PORT, config.HOST, () => resolve(listening));
    listening.once('error', reject);
  });
  // idle keep-alive sockets outlive the clients' (undici, proxies): a client never reuses a socket
  // the server is closing at that moment ("other side closed" on a busy machine)
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const { port } = server.address() as AddressInfo;
  if (config.PORT_FILE) writeFileSync(config.PORT_FILE, String(port));
  const url = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${port}`;
  logger.info({ url, topics: startTopics }, `${definition.name} listening`);

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      logger.info('shutting down');
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await broker.stop();
      await consumer?.stop();
      for (const task of [...tasks].reverse()) await task.stop();
      await relay.stop();
      await producer.disconnect();
      await root.close();
      logger.info('stopped');
      await shutdownTelemetry();
    })());

  const consumersJoined = async (timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    while (consumer && !consumer.isRunning()) {
      if (Date.now() > deadline)
        throw new Error(`${definition.name}: the consumers did not join their group within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  return { url, deps, readiness, consumersJoined, stop };
}

/**
 * The whole life of a service process: start (a bad configuration or an unreachable dependency
 * ends it with a readable message), then graceful shutdown on SIGTERM/SIGINT with a hard timeout.
 */
export async function runService<TSchema extends z.ZodType<BaseConfig>>(
  definition: ServiceDefinition<TSchema>,
): Promise<void> {
  let running: RunningService<z.infer<TSchema>>;
  try {
    running = await startService(definition);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    await shutdownTelemetry().catch(() => undefined);
    process.exit(1);
  }
  const { logger, config } = running.deps;
  const onSignal = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'signal received');
    setTimeout(() => {
      logger.error({ timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, 'graceful shutdown timed out; exiting');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS).unref();
    running.stop().then(
      () => process.exit(0),
      (err) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}
