/**
 * A failure that goes away by itself (an outage, a lost race): the message is retried for as long
 * as it takes, never dead-lettered. Code that knows its failure is transient throws this (or any
 * error with `transient: true`).
 */
export class TransientFailure extends Error {
  readonly transient = true;
}

/** The aggregate changed between read and write: re-reading and retrying resolves it. */
export class VersionConflict extends TransientFailure {}

const transientNames = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoPoolClearedError',
  'MongoWaitQueueTimeoutError',
  'MongoTopologyClosedError',
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSNumberOfRetriesExceeded',
  'KafkaJSBrokerNotFound',
  'KafkaJSMetadataNotLoaded',
  'KafkaJSLockTimeout',
]);

// messages of outages that arrive without a telling class (FerretDB's SQLite, mongoose buffering)
const transientMessages =
  /SQLITE_BUSY|database is locked|buffering timed out|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|socket hang up|socket has been ended|connection .*closed|not leader|leader not available|NOT_LEADER|LEADER_NOT_AVAILABLE|producer is disconnected/i;

const transientLabels = ['RetryableWriteError', 'ResetPool', 'TransientTransactionError', 'NetworkError'];

// system error codes of a connection the other side closed or never answered (a killed database)
const transientCodes = new Set([
  'EPIPE',
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ENOTCONN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

interface ErrorLike {
  name?: string;
  code?: unknown;
  message?: string;
  transient?: boolean;
  retriable?: boolean;
  errorLabels?: string[];
  errorLabelSet?: Set<string>;
  cause?: unknown;
  originalError?: unknown;
}

/**
 * Whether retrying the same message later can succeed without anyone changing code or data: the
 * error (or one it wraps) is an outage, a server-selection or network failure, a Kafka leadership
 * change, a busy SQLite, a version conflict or a tenant database that could not be provisioned.
 */
export function isTransientFailure(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 5) return false;
  const e = err as ErrorLike;
  if (e.transient === true) return true;
  if (e.name && transientNames.has(e.name)) return true;
  if (typeof e.code === 'string' && transientCodes.has(e.code)) return true;
  if (e.name === 'KafkaJSProtocolError' && e.retriable === true) return true;
  const labels = [...(e.errorLabels ?? []), ...(e.errorLabelSet ?? [])];
  if (labels.some((l) => transientLabels.includes(l))) return true;
  if (e.message && transientMessages.test(e.message)) return true;
  return isTransientFailure(e.cause, depth + 1) || isTransientFailure(e.originalError, depth + 1);
}
