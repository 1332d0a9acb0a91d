import { infraConnection, startTestStack, testUserPassword, type TestStack } from '@tradepilot/test-stack';

export const benchPassword = testUserPassword;
export const kafkaBrokers = infraConnection().kafkaBrokers;

/**
 * What a deployment runs with (the services' defaults), not the test stack's quick timing: tests
 * poll the outbox twice a second, their timers every 5 s and export spans every 100 ms so they see
 * them at once, which a benchmark would measure as background load no production process has.
 */
export const productionTiming: Record<string, string> = {
  LOG_LEVEL: 'warn',
  RELAY_POLL_MS: '1000',
  RELAY_SCOPE_LIST_TTL_MS: '30000',
  SCHEDULER_POLL_MS: '30000',
  CONSUMER_BACKOFF_MS: '200',
  OTEL_BSP_SCHEDULE_DELAY: '5000',
};

/**
 * The compiled apps on the local infrastructure under a prefix of this run's own; `close()` stops
 * them and removes the run's databases and topics.
 */
export function startBenchStack(nodeArgs: string[] = []): Promise<TestStack> {
  return startTestStack({
    nodeArgs,
    apps: ['plans', 'approvals', 'gateway'],
    env: { LOG_LEVEL: 'warn' },
    // quotas are measured by the noisy-neighbour benchmark; here they would only cut the load
    appEnv: { gateway: { RATE_LIMIT_USER_CALLS: '1000000', RATE_LIMIT_TENANT_CALLS: '1000000' } },
  });
}
