import { createKafka } from '@tradepilot/messaging';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { kafkaBrokers } from './bench-stack';
import { until } from './bounded-poll';

const logger = pino({ level: 'silent' });

/** A message of a watched topic and when it arrived here. */
export interface Arrival {
  value: string;
  at: number;
}

/**
 * Records when each message of a topic arrives (from the topic's start: a fresh topic of this
 * run), so a wait for a message that is already in returns its arrival at once. A wait names
 * every part the message must contain (its type and its aggregate, say).
 */
export async function watchTopic(topic: string) {
  const kafka = createKafka({ brokers: kafkaBrokers, clientId: 'bench-watch', logger });
  const consumer = kafka.consumer({ groupId: `bench-watch-${performance.now()}`, maxWaitTimeInMs: 20 });
  const waiting = new Set<{ parts: string[]; resolve: (arrival: Arrival) => void }>();
  const seen: Arrival[] = [];
  const matches = (value: string, parts: string[]) => parts.every((p) => value.includes(p));
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let joined = false;
  consumer.on(consumer.events.GROUP_JOIN, () => (joined = true));
  await consumer.run({
    eachMessage: async ({ message }) => {
      const arrival = { value: message.value?.toString() ?? '', at: performance.now() };
      seen.push(arrival);
      for (const wait of waiting)
        if (matches(arrival.value, wait.parts)) {
          waiting.delete(wait);
          wait.resolve(arrival);
        }
    },
  });
  await until('the watcher joined its group', async () => joined);
  /** the first message containing every one of `parts` */
  const arrival = (parts: string[], timeoutMs = 30_000) =>
    new Promise<Arrival>((resolve, reject) => {
      const already = seen.find((m) => matches(m.value, parts));
      if (already) return resolve(already);
      const timer = setTimeout(
        () => reject(new Error(`no message with ${parts.join(' + ')} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      waiting.add({
        parts,
        resolve: (found) => {
          clearTimeout(timer);
          resolve(found);
        },
      });
    });
  return {
    arrival,
    /** when the first message containing `needle` arrived */
    next: async (needle: string, timeoutMs = 30_000) => (await arrival([needle], timeoutMs)).at,
    stop: () => consumer.disconnect(),
  };
}
