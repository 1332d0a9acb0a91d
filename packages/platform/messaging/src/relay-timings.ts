/** How the relay's producer retries one send; kafkajs' own retrier runs it. */
export interface SendRetry {
  retries: number;
  initialRetryTime: number;
  maxRetryTime: number;
}

export interface RelayTimingsInput {
  /** a produce request unanswered this long counts as failed (kafkajs `requestTimeout`) */
  requestTimeoutMs: number;
  /** a connection attempt this long counts as failed (kafkajs `connectionTimeout`) */
  connectionTimeoutMs: number;
  /** attempts after the first one fails */
  sendRetries: number;
  initialRetryMs?: number;
  maxRetryMs?: number;
}

export interface RelayTimings {
  requestTimeoutMs: number;
  connectionTimeoutMs: number;
  retry: SendRetry;
  /** the longest one awaited send can take, every attempt timing out and every backoff at its longest */
  worstCaseSendMs: number;
  /** a relay's claim on a document: outlives the worst-case send twice over, renewed before each send */
  leaseMs: number;
}

// kafkajs' retrier randomises each backoff by ±20 % around a doubling
const randomisation = 0.2;

/**
 * The lease is derived from the send, never configured on its own: a send can never outlast the
 * claim under which it runs, so no second relay takes a document while a send of it is in flight.
 */
export function relayTimings({
  requestTimeoutMs,
  connectionTimeoutMs,
  sendRetries,
  initialRetryMs = 200,
  maxRetryMs = 2000,
}: RelayTimingsInput): RelayTimings {
  let backoffs = 0;
  let retryTime = initialRetryMs;
  for (let attempt = 0; attempt < sendRetries; attempt += 1) {
    backoffs += Math.min(maxRetryMs, Math.ceil(retryTime * (1 + randomisation)));
    retryTime *= 2;
  }
  const worstCaseSendMs = (sendRetries + 1) * (connectionTimeoutMs + requestTimeoutMs) + backoffs;
  return {
    requestTimeoutMs,
    connectionTimeoutMs,
    retry: { retries: sendRetries, initialRetryTime: initialRetryMs, maxRetryTime: maxRetryMs },
    worstCaseSendMs,
    leaseMs: 2 * worstCaseSendMs,
  };
}

/** Defaults: a send gives up after at most ~26 s, a lease lasts ~52 s. */
export const defaultRelayTimings = relayTimings({
  requestTimeoutMs: 3000,
  connectionTimeoutMs: 3000,
  sendRetries: 3,
});
