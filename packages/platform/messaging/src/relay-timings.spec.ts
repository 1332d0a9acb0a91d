import { defaultRelayTimings, relayTimings } from './relay-timings';

describe('relayTimings', () => {
  it('bounds one send by every attempt timing out plus every backoff at its longest', () => {
    const timings = relayTimings({
      requestTimeoutMs: 1000,
      connectionTimeoutMs: 500,
      sendRetries: 2,
      initialRetryMs: 100,
      maxRetryMs: 150,
    });
    // 3 attempts × 1500 ms, backoffs 120 and min(150, 240)
    expect(timings.worstCaseSendMs).toBe(3 * 1500 + 120 + 150);
    expect(timings.retry).toEqual({ retries: 2, initialRetryTime: 100, maxRetryTime: 150 });
  });

  it('derives the lease from the send: it outlives the worst-case send', () => {
    for (const sendRetries of [0, 3, 10]) {
      const timings = relayTimings({ requestTimeoutMs: 3000, connectionTimeoutMs: 3000, sendRetries });
      expect(timings.leaseMs).toBeGreaterThanOrEqual(2 * timings.worstCaseSendMs);
    }
    expect(defaultRelayTimings.worstCaseSendMs).toBeLessThan(30_000);
  });
});
