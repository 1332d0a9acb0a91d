/**
 * kafkajs 2.2.4 (its last release) re-arms a timer on every broker connection forever: once a
 * request is answered with nothing pending and no throttle, `scheduleCheckPendingRequests` sets a
 * timeout of a negative delay (run after 1 ms), which calls itself again (tulios/kafkajs#1556,
 * #1704; the fixes are open upstream). An idle service spun a thousand timers a second per
 * connection: most of its idle CPU (profiled: timers, async hooks of the trace context, and this
 * function), on every process of the platform.
 *
 * The correction schedules a check only when one can do something: a request is pending, or the
 * broker asked the client to wait. A request pushed later schedules its own check (`push`), and an
 * answered one checks the queue at once (`fulfillRequest`), as before.
 */

/** The part of kafkajs' RequestQueue that the correction reads and replaces. */
export interface KafkaRequestQueue {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: ReturnType<typeof setTimeout> | null;
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
}

interface KafkaRequestQueueClass {
  prototype: KafkaRequestQueue;
}

/** kafkajs' own wait before it looks at a queue held back by in-flight requests */
const checkPendingRequestsIntervalMs = 10;

const corrected = Symbol.for('tradepilot.kafkajs.requestQueueTimer');

/** The replacement for `scheduleCheckPendingRequests`: no timer for an empty, unthrottled queue. */
function scheduleCheckWhenUseful(this: KafkaRequestQueue): void {
  if (this.throttleCheckTimeoutId) return;
  const throttledForMs = this.throttledUntil - Date.now();
  if (this.pending.length === 0 && throttledForMs <= 0) return;
  const delayMs = throttledForMs > 0 ? throttledForMs : checkPendingRequestsIntervalMs;
  this.throttleCheckTimeoutId = setTimeout(() => {
    this.throttleCheckTimeoutId = null;
    this.checkPendingRequests();
  }, delayMs);
}

/** kafkajs' RequestQueue class, as loaded by kafkajs itself (one module instance per process). */
export function kafkaRequestQueueClass(): KafkaRequestQueueClass {
  // kafkajs has no "exports" map: its internal modules resolve to the very instance it uses
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('kafkajs/src/network/requestQueue/index.js') as KafkaRequestQueueClass;
}

/**
 * Corrects the timer loop of kafkajs' request queues in this process (idempotent). Only kafkajs
 * 2.2.4 is corrected: a later release may have fixed it differently.
 */
export function correctKafkaRequestQueueTimer(): boolean {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { version } = require('kafkajs/package.json') as { version: string };
  if (version !== '2.2.4') return false;
  const queue = kafkaRequestQueueClass().prototype as KafkaRequestQueue & { [corrected]?: true };
  if (!queue[corrected]) {
    queue.scheduleCheckPendingRequests = scheduleCheckWhenUseful;
    queue[corrected] = true;
  }
  return true;
}
