import type { IdempotencyKeys } from './idempotent-creation';
import type { EventHandler, Outbox, OutboxRelay, TopicNames } from '@tradepilot/messaging';
import type { Logger } from '@tradepilot/telemetry';
import type { AnyModelDefinition, TenantDatabases, TenantRegistry } from '@tradepilot/tenancy';
import type { AnyRouter } from '@trpc/server';
import type { Express, RequestHandler } from 'express';
import type { Kafka, Producer } from 'kafkajs';
import type { z } from 'zod';
import type { BaseConfig } from './config';

/** What a service's code gets from the kit once the process is wired. */
export interface ServiceDeps<TConfig extends BaseConfig = BaseConfig> {
  name: string;
  config: TConfig;
  logger: Logger;
  registry: TenantRegistry;
  databases: TenantDatabases;
  outbox: Outbox;
  relay: OutboxRelay;
  kafka: Kafka;
  producer: Producer;
  topics: TopicNames;
  /** injectable clock: tests move time, production reads the system clock */
  now: () => Date;
  /** creating procedures that take an Idempotency-Key run through this */
  idempotency: IdempotencyKeys;
}

export interface ReadinessCheck {
  name: string;
  check(): Promise<boolean> | boolean;
}

/** A background job that starts with the process and stops before its dependencies close. */
export interface BackgroundTask {
  name: string;
  start(): Promise<void> | void;
  stop(): Promise<void> | void;
}

/** What a service builds once its dependencies are wired: one closure shares state among them. */
export interface ServiceParts {
  router: AnyRouter;
  handlers?: EventHandler[];
  tasks?: BackgroundTask[];
  /**
   * Mounts the service's HTTP surface. By default the router is mounted at /trpc behind internal
   * tokens; the gateway replaces that with its public surface.
   */
  http?(app: Express): Promise<void> | void;
  /**
   * Plain HTTP routes beside /trpc (file uploads and downloads), mounted at their path behind
   * the internal token: the verified caller is `res.locals.principal`.
   */
  internalRoutes?: { path: `/${string}`; handler: RequestHandler }[];
}

/**
 * Everything a service package declares; `createService` turns it into a process. Logic stays
 * in the package, the app's main.ts only passes this in.
 */
export interface ServiceDefinition<TSchema extends z.ZodType<BaseConfig> = z.ZodType<BaseConfig>> {
  name: string;
  /** where it listens without PORT; a registered service leaves it out and gets its registry port */
  defaultPort?: number;
  /** the service's full configuration schema (extends baseConfigSchema) */
  configSchema: TSchema;
  models: AnyModelDefinition[];
  /**
   * logical topics created with their DLQs at start; a registered service leaves it out and gets
   * what the registry derives (the catalog's topics it publishes and the ones it consumes)
   */
  topics?: string[];
  /** the consumer group of this service's handlers */
  consumerGroup?: string;
  setup(deps: ServiceDeps<z.infer<TSchema>>): ServiceParts | Promise<ServiceParts>;
}

export const defineService = <TSchema extends z.ZodType<BaseConfig>>(
  definition: ServiceDefinition<TSchema>,
) => definition;
