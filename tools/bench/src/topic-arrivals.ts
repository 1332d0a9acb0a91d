import { createKafka } from '@tradepilot/messaging';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { kafkaBrokers } from './bench-stack';
import { until } from './bounded-poll';

const logger = pino({ level: 'silent' });

export interface Arrival {
  /** performance.now() when the bench's consumer got the message */
  at: number;
  /** the trace the message belongs to (W3C traceparent header), when it carries one */
  traceId: string | undefined;
}

export interface TopicArrivals {
  /** the first message whose value contains every needle, when it arrived */
  next: (needles: string[], timeoutMs?: number) => Promise<Arrival>;
  stop: () => Promise<void>;
}

const traceIdOf = (header: Buffer | string | (Buffer | string)[] | undefined): string | undefined =>
  String(Array.isArray(header) ? header[0] : (header ?? '')).split('-')[1];

/**
 * Records when each message of a topic arrives (from the topic's start: a fresh topic of this
 * run), so a wait for a message that is already in returns its arrival time at once.
 */
export async function watchTopic(topic: string): Promise<TopicArrivals> {
  const kafka = createKafka({ brokers: kafkaBrokers, clientId: 'bench-watch', logger });
  const consumer = kafka.consumer({ groupId: `bench-watch-${performance.now()}`, maxWaitTimeInMs: 20 });
  const waiting = new Set<{ needles: string[]; resolve: (arrival: Arrival) => void }>();
  const seen: ({ value: string } & Arrival)[] = [];
  const matches = (value: string, needles: string[]) => needles.every((n) => value.includes(n));
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let joined = false;
  consumer.on(consumer.events.GROUP_JOIN, () => (joined = true));
  await consumer.run({
    // every partition at once: a message is stamped when it reaches the process, not its turn
    partitionsConsumedConcurrently: 3,
    eachMessage: async ({ message }) => {
      const arrival = { at: performance.now(), traceId: traceIdOf(message.headers?.['traceparent']) };
      const value = message.value?.toString() ?? '';
      seen.push({ value, ...arrival });
      for (const waiter of waiting)
        if (matches(value, waiter.needles)) {
          waiting.delete(waiter);
          waiter.resolve(arrival);
        }
    },
  });
  await until('the watcher joined its group', async () => joined);
  return {
    next: (needles, timeoutMs = 30_000) =>
      new Promise<Arrival>((resolve, reject) => {
        const already = seen.find((m) => matches(m.value, needles));
        if (already) return resolve(already);
        const timer = setTimeout(() => {
          waiting.delete(waiter);
          reject(new Error(`no message with ${needles.join(' + ')} within ${timeoutMs} ms`));
        }, timeoutMs);
        const waiter = {
          needles,
          resolve: (arrival: Arrival) => {
            clearTimeout(timer);
            resolve(arrival);
          },
        };
        waiting.add(waiter);
      }),
    stop: () => consumer.disconnect(),
  };
}
