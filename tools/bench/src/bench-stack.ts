import { startLocalStack, type LocalStack } from '@tradepilot/local-stack';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '../../..');
export const benchPassword = 'bench-password-1';

const env = process.env;
export const kafkaBrokers = [`${env['KAFKA_HOST'] ?? '127.0.0.1'}:${env['KAFKA_PORT'] ?? 9092}`];
export const mongoUrl = `mongodb://${env['FERRETDB_HOST'] ?? '127.0.0.1'}:${env['FERRETDB_PORT'] ?? 27017}/`;

/** The compiled apps on the local infrastructure, under a prefix of this run's own. */
export async function startBenchStack(): Promise<LocalStack> {
  const prefix = `bench${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  return startLocalStack({
    root: repoRoot,
    apps: ['plans', 'approvals', 'gateway'],
    kafkaBrokers,
    mongoUrl,
    otlpEndpoint: `http://${env['JAEGER_HOST'] ?? '127.0.0.1'}:${env['JAEGER_OTLP_HTTP_PORT'] ?? 4318}`,
    prefix,
    logDir: join(env['TRADEPILOT_INFRA_DIR'] ?? join(repoRoot, '.infra'), 'bench-logs'),
    env: {
      DEV_LOGIN_ENABLED: 'true',
      DEV_USERS_PASSWORD: benchPassword,
      LOG_LEVEL: 'warn',
      RELAY_POLL_MS: '1000',
    },
  });
}
