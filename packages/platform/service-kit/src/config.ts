import { defaultMaxMessageBytes } from '@tradepilot/messaging';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const csv = z
  .string()
  .min(1)
  .transform((value) =>
    value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
const port = z.coerce.number().int().min(0).max(65535);
const millis = z.coerce.number().int().min(0);

/** Configuration every service process shares; a service extends it with its own. */
export const baseConfigSchema = z.object({
  HOST: z.string().default('0.0.0.0'),
  PORT: port,
  MONGODB_URL: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// URL'),
  KAFKA_BROKERS: csv,
  /** prefixes topics and databases so deployments (and test runs) can share servers */
  KAFKA_TOPIC_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9._-]*$/, 'letters, digits, . _ - only')
    .default(''),
  DATABASE_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9_]*$/, 'letters, digits and _ only')
    .default(''),
  TOPIC_PARTITIONS: z.coerce.number().int().min(1).max(64).default(3),
  /** 1 on a single broker (local, the compose file); the production profile is 3 with min.insync 2 */
  KAFKA_REPLICATION_FACTOR: z.coerce.number().int().min(1).max(16).default(1),
  KAFKA_MIN_INSYNC_REPLICAS: z.coerce.number().int().min(1).max(16).default(1),
  /** the broker's message.max.bytes: the relay quarantines a larger event instead of sending it */
  KAFKA_MAX_MESSAGE_BYTES: z.coerce.number().int().min(1024).default(defaultMaxMessageBytes),
  /** one produce request unanswered this long fails; the relay's lease is derived from it */
  KAFKA_REQUEST_TIMEOUT_MS: millis.min(100).default(3000),
  KAFKA_CONNECTION_TIMEOUT_MS: millis.min(100).default(3000),
  /** attempts of one send after the first fails (bounded: the lease outlives the worst case) */
  RELAY_SEND_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
  /** the broker refused an entry this often (outages do not count): it goes to quarantine */
  RELAY_REFUSALS_BEFORE_QUARANTINE: z.coerce.number().int().min(1).max(100).default(5),
  /**
   * false where an init step creates the topics with an admin principal and the service's own
   * principal may not (the compose deployment)
   */
  KAFKA_CREATE_TOPICS: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** SASL/SCRAM principal of this service (secrets as KAFKA_SASL_PASSWORD_FILE) */
  KAFKA_SASL_MECHANISM: z.enum(['scram-sha-256', 'scram-sha-512']).default('scram-sha-512'),
  KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
  KAFKA_SSL: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/, 'a size such as 512kb or 1mb')
    .default('1mb'),
  SHUTDOWN_TIMEOUT_MS: millis.default(10_000),
  /** a call's work is abandoned past this; the gateway's FORWARD_TIMEOUT_MS must be longer */
  REQUEST_DEADLINE_MS: millis.default(8000),
  /** the relay's safety-net poll while it finds leftovers; an idle one backs off to RELAY_IDLE_POLL_MAX_MS */
  RELAY_POLL_MS: millis.default(1000),
  RELAY_IDLE_POLL_MAX_MS: millis.default(10_000),
  RELAY_SCOPE_LIST_TTL_MS: millis.default(30_000),
  /** an operator may pause publishing (events wait in the outboxes until it is on again) */
  RELAY_ENABLED: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  CONSUMER_RETRIES: z.coerce.number().int().min(0).max(20).default(3),
  CONSUMER_BACKOFF_MS: millis.default(200),
  /**
   * partitions a service's consumer handles at once, each in its own order. 1: with 3 the e2e
   * suite once showed a stale supervision overview, most likely the nested stamped read fixed
   * since (the supervision e2e files pass with 3), but 3 gave no measurable latency gain either
   */
  CONSUMER_PARTITION_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SERVICE_VERSION: z.string().default('0.0.0'),
  /** where to write the port once listening (PORT=0 lets the OS pick one; process managers read it) */
  PORT_FILE: z.string().min(1).optional(),
});
export type BaseConfig = z.infer<typeof baseConfigSchema>;

/** min.insync.replicas above the replication factor would refuse every acks=all write */
export const checkReplication = (config: BaseConfig): string[] =>
  config.KAFKA_MIN_INSYNC_REPLICAS > config.KAFKA_REPLICATION_FACTOR
    ? [
        `KAFKA_MIN_INSYNC_REPLICAS: ${config.KAFKA_MIN_INSYNC_REPLICAS} is more than KAFKA_REPLICATION_FACTOR ${config.KAFKA_REPLICATION_FACTOR}`,
      ]
    : [];

/** Services behind the gateway trust only its internal tokens. */
export const internalAuthConfigSchema = z.object({
  INTERNAL_TOKEN_PUBLIC_KEY: z
    .string()
    .includes('PUBLIC KEY', { message: 'must be a PEM public key (SPKI)' }),
});

export class ConfigError extends Error {
  constructor(
    readonly service: string,
    readonly problems: string[],
  ) {
    super(`${service}: invalid configuration\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * `NAME_FILE=/path` stands for `NAME=<contents of /path>` (Docker secrets, mounted keys) for the
 * variables the service knows, unless NAME itself is set.
 */
export function resolveFileVariables(
  env: NodeJS.ProcessEnv,
  known: readonly string[],
): { env: NodeJS.ProcessEnv; problems: string[] } {
  const resolved: NodeJS.ProcessEnv = { ...env };
  const problems: string[] = [];
  for (const [name, path] of Object.entries(env)) {
    if (!name.endsWith('_FILE') || !path) continue;
    const target = name.slice(0, -'_FILE'.length);
    if (!known.includes(target) || resolved[target] !== undefined) continue;
    try {
      resolved[target] = readFileSync(path, 'utf8').trim();
    } catch (err) {
      problems.push(`${name}: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  return { env: resolved, problems };
}

/** Parses the environment; on failure one error lists every problem, by variable. */
export function loadConfig<S extends z.ZodType>(
  service: string,
  schema: S,
  rawEnv: NodeJS.ProcessEnv = process.env,
): z.infer<S> {
  const known = schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
  const { env, problems: fileProblems } = resolveFileVariables(rawEnv, known);
  const result = schema.safeParse(env);
  const problems = (result.error?.issues ?? []).map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    const missing = issue.code === 'invalid_type' && env[name] === undefined;
    return `${name}: ${missing ? 'is required but not set' : issue.message}`;
  });
  if (result.success && fileProblems.length === 0) return result.data;
  throw new ConfigError(service, [...fileProblems, ...problems]);
}
