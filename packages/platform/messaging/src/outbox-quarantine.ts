import { metrics } from '@opentelemetry/api';
import type { TenantDatabases, TenantScope } from '@tradepilot/tenancy';
import type { Collection } from 'mongodb';
import { isDuplicateKeyError } from './duplicate-guards';
import type { OutboxEntry } from './outbox-entry';

/**
 * An outbox entry the relay gave up on (too large for the broker, or refused by it again and
 * again): kept with its error beside the aggregates, out of their way, until an operator replays it.
 */
export interface QuarantinedEntry {
  /** the event id */
  _id: string;
  entry: OutboxEntry;
  /** where it waited: the aggregate collection and document */
  collection: string;
  aggregateId: string;
  error: string;
  reason: QuarantineReason;
  attempts: number;
  quarantinedAt: Date;
  /** an operator asked for it to be published again; the relay's next sweep tries */
  replayRequestedAt: Date | null;
  replayRequestedBy: string | null;
}

export type QuarantineReason = 'too-large' | 'refused';

export const outboxQuarantineCollection = 'outbox_quarantine';

/** What operators see of a quarantined entry (no payload: it may hold a province's data). */
export interface QuarantineView {
  eventId: string;
  eventType: string;
  topic: string;
  tenant: string;
  aggregateId: string;
  reason: QuarantineReason;
  error: string;
  attempts: number;
  sizeBytes: number;
  quarantinedAt: string;
  replayRequestedAt: string | null;
}

export const quarantineView = (q: QuarantinedEntry): QuarantineView => ({
  eventId: q._id,
  eventType: q.entry.type,
  topic: q.entry.topic,
  tenant: q.entry.tenant,
  aggregateId: q.aggregateId,
  reason: q.reason,
  error: q.error,
  attempts: q.attempts,
  sizeBytes: Buffer.byteLength(q.entry.payload, 'utf8'),
  quarantinedAt: q.quarantinedAt.toISOString(),
  replayRequestedAt: q.replayRequestedAt?.toISOString() ?? null,
});

const quarantined = metrics.getMeter('@tradepilot/messaging').createCounter('tradepilot.outbox.quarantined', {
  description: 'outbox entries the relay moved to quarantine (an operator must look)',
});

/** Keeps the entry (once: its event id is the key); the caller then takes it out of the outbox. */
export async function quarantineEntry(
  collection: Collection<QuarantinedEntry>,
  entry: Omit<QuarantinedEntry, '_id' | 'replayRequestedAt' | 'replayRequestedBy' | 'quarantinedAt'>,
  now: Date,
): Promise<void> {
  try {
    await collection.insertOne({
      _id: entry.entry.id,
      ...entry,
      quarantinedAt: now,
      replayRequestedAt: null,
      replayRequestedBy: null,
    });
  } catch (err) {
    // quarantined before, and the relay stopped before it took the entry out of the outbox
    if (!isDuplicateKeyError(err)) throw err;
  }
  quarantined.add(1, { topic: entry.entry.topic, reason: entry.reason });
}

/** Every quarantined entry of a service, over all its tenant databases and its national one. */
export async function listQuarantine(databases: TenantDatabases): Promise<QuarantineView[]> {
  const views: QuarantineView[] = [];
  for (const scope of await databases.existingScopes()) {
    const db = databases.connection(scope).db;
    if (!db) continue;
    const found = await db
      .collection<QuarantinedEntry>(outboxQuarantineCollection)
      .find({})
      .sort({ quarantinedAt: 1 })
      .limit(500)
      .toArray();
    views.push(...found.map(quarantineView));
  }
  return views;
}

/**
 * Marks a quarantined entry for publishing again (after the fix: a broker that takes larger
 * records, a topic that exists, an ACL granted); the relay's next sweep sends it and, once the
 * broker acknowledges, removes it from quarantine. false when there is no such entry.
 */
export async function requestQuarantineReplay(
  databases: TenantDatabases,
  scope: TenantScope,
  eventId: string,
  requestedBy: string,
  now: Date,
): Promise<boolean> {
  const db = databases.connection(scope).db;
  if (!db) return false;
  const { matchedCount } = await db
    .collection<QuarantinedEntry>(outboxQuarantineCollection)
    .updateOne({ _id: eventId }, { $set: { replayRequestedAt: now, replayRequestedBy: requestedBy } });
  return matchedCount === 1;
}
