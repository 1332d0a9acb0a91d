/**
 * Runs one open-loop load in a worker thread, so a heavy client (the noisy province) does not
 * share an event loop with the clients being measured: in production they are other machines.
 */
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { openLoopLoad, type LoadResult } from './open-loop-load';

interface LoadOrder {
  url: string;
  /** a user's access token, sent as a bearer */
  token?: string;
  /** or any headers (an internal token, none at all) */
  headers?: Record<string, string>;
  ratePerSecond: number;
  durationMs: number;
}

export function loadInWorker(order: LoadOrder): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: order });
    worker.once(
      'message',
      (message: { latencies: number[]; statuses: [number, number][]; failures: number }) =>
        resolve({
          latencies: message.latencies,
          statuses: new Map(message.statuses),
          failures: message.failures,
        }),
    );
    worker.once('error', reject);
  });
}

if (parentPort && workerData) {
  const order = workerData as LoadOrder;
  void openLoopLoad({
    ratePerSecond: order.ratePerSecond,
    durationMs: order.durationMs,
    request: () =>
      fetch(order.url, {
        headers: order.headers ?? (order.token ? { authorization: `Bearer ${order.token}` } : {}),
      }),
  }).then((result) =>
    parentPort?.postMessage({
      latencies: result.latencies,
      statuses: [...result.statuses],
      failures: result.failures,
    }),
  );
}
