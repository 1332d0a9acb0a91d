import type { OutboxEntry } from './outbox-entry';

/**
 * The largest record the broker takes (its `message.max.bytes`, the same number in
 * infra/local/kafka/kafka.sh and infra/compose/kafka/start.sh; `KAFKA_MAX_MESSAGE_BYTES`).
 */
export const defaultMaxMessageBytes = 1_048_576;

// a record batch of one record: batch header, record framing and varints, generously
const recordOverheadBytes = 512;

/** What one outbox entry weighs on the wire, uncompressed: the figure the broker compares. */
export function recordBytes(
  entry: Pick<OutboxEntry, 'key' | 'payload' | 'type' | 'tenant' | 'traceparent'>,
): number {
  const headers = ['event-type', entry.type, 'tenant', entry.tenant, 'traceparent', entry.traceparent ?? ''];
  return (
    recordOverheadBytes +
    Buffer.byteLength(entry.payload, 'utf8') +
    Buffer.byteLength(entry.key, 'utf8') +
    headers.reduce((sum, h) => sum + Buffer.byteLength(h, 'utf8'), 0)
  );
}
