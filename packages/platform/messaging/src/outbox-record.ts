import { eventHeaders } from '@tradepilot/contracts';
import type { Message } from 'kafkajs';
import type { OutboxEntry } from './outbox-entry';

/** The Kafka record of an outbox entry: its key, its payload and the headers consumers route by. */
export function outboxRecord(entry: OutboxEntry): Message {
  return {
    key: entry.key,
    value: entry.payload,
    headers: {
      [eventHeaders.eventType]: entry.type,
      [eventHeaders.tenant]: entry.tenant,
      // the kafkajs instrumentation replaces this with its producer span's context when tracing runs
      ...(entry.traceparent ? { [eventHeaders.traceparent]: entry.traceparent } : {}),
    },
  };
}
