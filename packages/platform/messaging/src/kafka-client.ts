import { Kafka, logLevel, Partitioners, type KafkaConfig, type LogEntry, type Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { correctKafkaRequestQueueTimer } from './kafka-request-queue-timer';
import { defaultRelayTimings, type RelayTimings } from './relay-timings';

export type { Kafka, Producer, Consumer, Admin, IHeaders } from 'kafkajs';

export interface KafkaOptions {
  brokers: string[];
  clientId: string;
  logger: Logger;
  /** how long a connection attempt may take before it counts as failed */
  connectionTimeoutMs?: number;
  /** how long a request may go unanswered before it counts as failed */
  requestTimeoutMs?: number;
  /** SASL/SCRAM credentials of this client's principal (a broker with SASL_PLAINTEXT or SASL_SSL) */
  sasl?: KafkaSasl | undefined;
  /** TLS to the broker (SASL_SSL) */
  ssl?: boolean;
}

export interface KafkaSasl {
  mechanism: 'scram-sha-256' | 'scram-sha-512';
  username: string;
  password: string;
}

/**
 * The SCRAM credentials from the environment (`KAFKA_SASL_MECHANISM`, `KAFKA_SASL_USERNAME`,
 * `KAFKA_SASL_PASSWORD`; each also as `*_FILE`, read from a mounted secret), or none.
 */
export function kafkaSaslFromEnv(
  env: NodeJS.ProcessEnv,
  readFile: (path: string) => string,
): KafkaSasl | undefined {
  const value = (name: string) => {
    const file = env[`${name}_FILE`];
    return file ? readFile(file).trim() : env[name];
  };
  const username = value('KAFKA_SASL_USERNAME');
  if (!username) return undefined;
  const mechanism = value('KAFKA_SASL_MECHANISM') ?? 'scram-sha-512';
  if (mechanism !== 'scram-sha-256' && mechanism !== 'scram-sha-512')
    throw new Error(`KAFKA_SASL_MECHANISM must be scram-sha-256 or scram-sha-512, not ${mechanism}`);
  const password = value('KAFKA_SASL_PASSWORD');
  if (!password) throw new Error('KAFKA_SASL_USERNAME is set without KAFKA_SASL_PASSWORD(_FILE)');
  return { mechanism, username, password };
}

const levels: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** The one place kafkajs is configured: its logs go to the service's pino logger. */
export function createKafka({
  brokers,
  clientId,
  logger,
  connectionTimeoutMs = defaultRelayTimings.connectionTimeoutMs,
  requestTimeoutMs = defaultRelayTimings.requestTimeoutMs,
  sasl,
  ssl,
}: KafkaOptions): Kafka {
  const config: KafkaConfig = {
    brokers,
    clientId,
    connectionTimeout: connectionTimeoutMs,
    requestTimeout: requestTimeoutMs,
    retry: { initialRetryTime: 200, retries: 8, maxRetryTime: 5000 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log }: LogEntry) => {
        const { message, ...extra } = log;
        logger[levels[level] ?? 'info']({ kafka: extra }, `kafka: ${message}`);
      },
  };
  if (sasl) {
    const { username, password } = sasl;
    config.sasl =
      sasl.mechanism === 'scram-sha-256'
        ? { mechanism: 'scram-sha-256', username, password }
        : { mechanism: 'scram-sha-512', username, password };
  }
  if (ssl) config.ssl = true;
  correctKafkaRequestQueueTimer();
  return new Kafka(config);
}

/**
 * Producers never create topics (they are created at start) and key → partition is murmur2.
 * One request in flight per connection and awaited sends keep the order per key; retries are
 * bounded (`relayTimings`), so a send ends within the relay's lease. Not kafkajs' idempotent
 * producer: it forces unbounded retries and has known sequence errors; consumers absorb duplicates.
 */
export function createProducer(kafka: Kafka, timings: RelayTimings = defaultRelayTimings): Producer {
  return kafka.producer({
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
    idempotent: false,
    maxInFlightRequests: 1,
    retry: timings.retry,
  });
}
