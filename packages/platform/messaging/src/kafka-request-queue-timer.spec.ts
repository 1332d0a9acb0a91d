import { eventually } from '@tradepilot/testing';
import {
  correctKafkaRequestQueueTimer,
  kafkaRequestQueueClass,
  type KafkaRequestQueue,
} from './kafka-request-queue-timer';

type QueueConstructor = new (options: Record<string, unknown>) => KafkaRequestQueue & {
  inflight: Map<number, unknown>;
  maybeThrottle(ms: number): void;
};

const RequestQueue = kafkaRequestQueueClass() as unknown as QueueConstructor;
// Jest gives each file its own module registry: this is kafkajs' method before any correction
const kafkajsSchedule = RequestQueue.prototype.scheduleCheckPendingRequests;

const quiet = () => undefined;

function newQueue() {
  return new RequestQueue({
    maxInFlightRequests: 1,
    requestTimeout: 30_000,
    enforceRequestTimeout: false,
    clientId: 'request-queue-timer-spec',
    broker: '127.0.0.1:1',
    logger: { debug: quiet, warn: quiet, error: quiet, info: quiet },
  });
}

const timers: KafkaRequestQueue[] = [];
afterEach(() => {
  for (const queue of timers.splice(0))
    if (queue.throttleCheckTimeoutId) clearTimeout(queue.throttleCheckTimeoutId);
});

describe("kafkajs request queues' timer", () => {
  it('kafkajs 2.2.4 itself arms a timer for an empty, unthrottled queue (the loop being corrected)', () => {
    const queue = newQueue();
    timers.push(queue);
    kafkajsSchedule.call(queue);
    expect(queue.throttleCheckTimeoutId).not.toBeNull();
  });

  it('once corrected, an empty unthrottled queue arms no timer after its check', () => {
    expect(correctKafkaRequestQueueTimer()).toBe(true);
    expect(correctKafkaRequestQueueTimer()).toBe(true);
    const queue = newQueue();
    timers.push(queue);
    queue.checkPendingRequests();
    expect(queue.throttleCheckTimeoutId).toBeNull();
  });

  it('a pending request held back by one in flight is still checked again', async () => {
    correctKafkaRequestQueueTimer();
    const queue = newQueue();
    timers.push(queue);
    queue.inflight.set(1, {});
    const send = jest.fn();
    queue.pending.push({ send, expectResponse: true, correlationId: 2 });
    queue.scheduleCheckPendingRequests();
    expect(queue.throttleCheckTimeoutId).not.toBeNull();
    queue.inflight.clear();
    await eventually(() => send.mock.calls.length === 1, { description: 'the pending request sent' });
  });

  it('a throttled queue is checked when the throttle ends', async () => {
    correctKafkaRequestQueueTimer();
    const queue = newQueue();
    timers.push(queue);
    queue.maybeThrottle(30);
    queue.scheduleCheckPendingRequests();
    expect(queue.throttleCheckTimeoutId).not.toBeNull();
    await eventually(() => queue.throttleCheckTimeoutId === null, { description: 'the throttle check ran' });
  });
});
