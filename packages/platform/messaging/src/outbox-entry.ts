import { context, propagation } from '@opentelemetry/api';
import type { EventActor, EventData, EventDefinition } from '@tradepilot/contracts';
import { randomUUID } from 'node:crypto';
import { Schema } from 'mongoose';

/**
 * An event waiting in its aggregate's document to be published. `payload` is the envelope exactly
 * as it will go on the wire; the trace context of the request that caused it travels along so the
 * publish joins that request's trace.
 */
export interface OutboxEntry {
  id: string;
  type: string;
  topic: string;
  key: string;
  tenant: string;
  payload: string;
  traceparent: string | null;
  tracestate: string | null;
  createdAt: string;
}

/** The fields every aggregate with an outbox carries. */
export interface OutboxFields {
  version: number;
  lastSequence: number;
  outbox: OutboxEntry[];
  /** no longer written: the relay's lease is a claim document (`outbox_leases`); kept so older documents and writers stay valid */
  relayLeaseUntil: Date | null;
}

const outboxEntrySchema = new Schema<OutboxEntry>(
  {
    id: { type: String, required: true },
    type: { type: String, required: true },
    topic: { type: String, required: true },
    key: { type: String, required: true },
    tenant: { type: String, required: true },
    payload: { type: String, required: true },
    traceparent: { type: String, default: null },
    tracestate: { type: String, default: null },
    createdAt: { type: String, required: true },
  },
  { _id: false },
);

/** Adds version, event sequence, outbox and relay lease to an aggregate's schema. */
export function addOutboxFields<T>(schema: Schema<T>): Schema<T> {
  (schema as Schema).add({
    version: { type: Number, required: true, default: 1 },
    lastSequence: { type: Number, required: true, default: 0 },
    outbox: { type: [outboxEntrySchema], default: [] },
    relayLeaseUntil: { type: Date, default: null },
  });
  return schema;
}

/** An event an aggregate change produces, before it has an envelope. */
export interface EventDraft<D extends EventDefinition = EventDefinition> {
  event: D;
  data: EventData<D>;
  /** a deterministic id (a timer's), so a repeat of the same event is a duplicate; default random */
  id?: string;
}

export const eventDraft = <D extends EventDefinition>(event: D, data: EventData<D>): EventDraft<D> => ({
  event,
  data,
});

export interface ChangeMeta {
  tenant: string;
  actor: EventActor;
  causationId?: string | null;
  now?: Date;
}

/**
 * Wraps drafts in envelopes with sequences after `lastSequence`, validating each against its
 * contract: an event that does not match its schema is a bug and must never be stored.
 */
export function buildOutboxEntries(
  aggregateId: string,
  lastSequence: number,
  drafts: EventDraft[],
  meta: ChangeMeta,
): OutboxEntry[] {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  const occurredAt = (meta.now ?? new Date()).toISOString();
  return drafts.map((draft, index) => {
    const envelope = {
      id: draft.id ?? randomUUID(),
      type: draft.event.type,
      tenant: meta.tenant,
      aggregateId,
      sequence: lastSequence + index + 1,
      occurredAt,
      actor: meta.actor,
      causationId: meta.causationId ?? null,
      data: draft.data,
    };
    const checked = draft.event.envelope.safeParse(envelope);
    if (!checked.success) {
      throw new Error(`event ${draft.event.type} does not match its contract: ${checked.error.message}`);
    }
    return {
      id: envelope.id,
      type: envelope.type,
      topic: draft.event.topic,
      key: aggregateId,
      tenant: meta.tenant,
      payload: JSON.stringify(checked.data),
      traceparent: carrier['traceparent'] ?? null,
      tracestate: carrier['tracestate'] ?? null,
      createdAt: occurredAt,
    };
  });
}
