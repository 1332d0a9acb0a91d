import { NATIONAL } from '@tradepilot/contracts';
import { startLocalStack, type AppName, type LocalStack } from '@tradepilot/local-stack';
import { createKafka } from '@tradepilot/messaging';
import { TenantRegistry } from '@tradepilot/tenancy';
import { MongoClient } from 'mongodb';
import { join } from 'node:path';
import pino from 'pino';
import {
  forEachConcurrently,
  infraConnection,
  localInfraDir,
  repoRoot,
  uniqueSuffix,
} from '@tradepilot/testing';

export interface TestStackOptions {
  apps: AppName[];
  /** another broker than the shared one (fault tests run a private broker) */
  kafkaBrokers?: string[];
  /** another database server than the shared one (fault tests run a private FerretDB) */
  mongoUrl?: string;
  env?: Record<string, string>;
  appEnv?: Partial<Record<AppName, Record<string, string>>>;
  /** node arguments for every app, after TRADEPILOT_APP_NODE_ARGS (a benchmark's probe or profiler) */
  nodeArgs?: string[];
}

export interface TestStack extends LocalStack {
  topicPrefix: string;
  databasePrefix: string;
  mongoUrl: string;
  kafkaBrokers: string[];
  /** stops the apps, then removes this stack's databases and topics */
  close(): Promise<void>;
}

/** Timing made for tests: quick polls, short backoffs, spans exported at once. */
const testTiming: Record<string, string> = {
  RELAY_POLL_MS: '500',
  // a new database another process wrote is found within 5 s; listing costs the one shared
  // FerretDB in proportion to every database of every stack on it, so not every 0.5 s
  RELAY_SCOPE_LIST_TTL_MS: '5000',
  CONSUMER_BACKOFF_MS: '50',
  // a test that moves the clock sees its timers fire within 5 s (deployments look every 30 s)
  SCHEDULER_POLL_MS: '5000',
  OTEL_BSP_SCHEDULE_DELAY: '100',
  SHUTDOWN_TIMEOUT_MS: '15000',
  LOG_LEVEL: 'info',
  DEV_LOGIN_ENABLED: 'true',
  DEV_USERS_PASSWORD: 'test-password-1',
  // scrypt at 2^12 instead of 2^17: sign-ins in tests take milliseconds, not 0.4 s each
  PASSWORD_HASH_COST: '12',
};
export const testUserPassword = testTiming['DEV_USERS_PASSWORD'] as string;

/**
 * For a test about data, not latency (`env` of `startTestStack`): each service may take 25 s for
 * a request and the gateway waits 30 s for it. On a CI machine at load 14 a save of 40 full tasks,
 * or a seeding that creates a database per province at once, took over the defaults (8 s, 10 s).
 */
export const patientDeadlines: Record<string, string> = {
  REQUEST_DEADLINE_MS: '25000',
  FORWARD_TIMEOUT_MS: '30000',
};

/** The apps as real processes on the real infrastructure, isolated by a prefix of this test file's own. */
export async function startTestStack(options: TestStackOptions): Promise<TestStack> {
  const infra = infraConnection();
  const root = repoRoot();
  const prefix = `e2e${uniqueSuffix()}`;
  const kafkaBrokers = options.kafkaBrokers ?? infra.kafkaBrokers;
  const mongoUrl = options.mongoUrl ?? infra.mongoUrl;
  // e.g. TRADEPILOT_APP_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the apps
  const nodeArgs = [
    ...(process.env['TRADEPILOT_APP_NODE_ARGS'] ?? '').split(/\s+/).filter(Boolean),
    ...(options.nodeArgs ?? []),
  ];
  const stack = await startLocalStack({
    root,
    apps: options.apps,
    kafkaBrokers,
    mongoUrl,
    otlpEndpoint: infra.otlpTracesUrl.replace(/\/v1\/traces$/, ''),
    jaegerQueryUrl: infra.jaegerQueryUrl,
    prefix,
    logDir: join(localInfraDir(), 'test-logs'),
    env: { ...testTiming, ...options.env },
    ...(options.appEnv ? { appEnv: options.appEnv } : {}),
    ...(nodeArgs.length > 0 ? { nodeArgs } : {}),
  });
  const topicPrefix = `${prefix}.`;
  const databasePrefix = `${prefix}_`;
  return {
    ...stack,
    topicPrefix,
    databasePrefix,
    mongoUrl,
    kafkaBrokers,
    async close() {
      await stack.stop();
      await dropPrefixedDatabases(mongoUrl, databasePrefix, options.apps);
      await deletePrefixedTopics(kafkaBrokers, topicPrefix).catch(() => undefined);
    },
  };
}

/**
 * A second instance of the same apps on the same databases, topics and consumer groups as
 * `stack` (same prefix and internal keys): replicas, as a deployment scales a service out.
 */
export async function startReplica(stack: TestStack, apps: AppName[], name = 'replica'): Promise<LocalStack> {
  const infra = infraConnection();
  const root = repoRoot();
  return startLocalStack({
    root,
    apps,
    kafkaBrokers: stack.kafkaBrokers,
    mongoUrl: stack.mongoUrl,
    otlpEndpoint: infra.otlpTracesUrl.replace(/\/v1\/traces$/, ''),
    jaegerQueryUrl: infra.jaegerQueryUrl,
    prefix: stack.prefix,
    keys: stack.keys,
    logDir: join(localInfraDir(), 'test-logs', name),
    env: testTiming,
  });
}

/**
 * Every database the apps named can have made under this prefix, one per app and scope, as
 * services name them: `<prefix><app>_<tenant or national>` (the gateway's too, when named).
 */
export function prefixedDatabaseNames(prefix: string, apps: readonly string[]): string[] {
  const scopes = [NATIONAL, ...TenantRegistry.fromSeed().tenantIds()];
  return [...new Set(apps)].flatMap((app) => scopes.map((scope) => `${prefix}${app}_${scope}`));
}

/**
 * Drops the databases of `prefixedDatabaseNames` that exist, each looked up by listing its own
 * collections. `listDatabases` made FerretDB size every collection of every database on the
 * shared server (~5 ms a database: 0.45 CPU-s at a stack's close with 86 of them, 0.03 now).
 */
export async function dropPrefixedDatabases(
  mongoUrl: string,
  prefix: string,
  apps: readonly string[],
): Promise<void> {
  const client = await MongoClient.connect(mongoUrl, { directConnection: true });
  try {
    await forEachConcurrently(prefixedDatabaseNames(prefix, apps), 8, async (name) => {
      const collections = await client.db(name).listCollections({}, { nameOnly: true }).toArray();
      if (collections.length > 0) await client.db(name).dropDatabase();
    });
  } finally {
    await client.close();
  }
}

export async function deletePrefixedTopics(brokers: string[], prefix: string): Promise<void> {
  const admin = createKafka({ brokers, clientId: 'test-cleanup', logger: pino({ level: 'silent' }) }).admin();
  await admin.connect();
  try {
    const mine = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (mine.length > 0) await admin.deleteTopics({ topics: mine });
  } finally {
    await admin.disconnect();
  }
}
