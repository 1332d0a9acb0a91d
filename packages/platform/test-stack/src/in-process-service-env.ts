import { infraConnection } from '@tradepilot/testing';

/**
 * The environment of a service a test starts in its own process (`startService`) on the shared
 * Kafka and FerretDB, under the test's prefixes: any free port, quick polls and backoffs.
 */
export function inProcessServiceEnv(
  isolation: { topicPrefix: string; databasePrefix: string; publicKeyPem: string },
  overrides: Record<string, string> = {},
): Record<string, string> {
  const infra = infraConnection();
  return {
    PORT: '0',
    HOST: '127.0.0.1',
    MONGODB_URL: infra.mongoUrl,
    KAFKA_BROKERS: infra.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: isolation.topicPrefix,
    DATABASE_PREFIX: isolation.databasePrefix,
    INTERNAL_TOKEN_PUBLIC_KEY: isolation.publicKeyPem,
    RELAY_POLL_MS: '200',
    RELAY_SCOPE_LIST_TTL_MS: '200',
    CONSUMER_BACKOFF_MS: '50',
    LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'warn',
    ...overrides,
  };
}
