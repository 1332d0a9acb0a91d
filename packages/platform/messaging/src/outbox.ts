import type { Model, UpdateQuery } from 'mongoose';
import { documentKey, documentLocks } from './document-locks';
import { buildOutboxEntries, type ChangeMeta, type EventDraft, type OutboxFields } from './outbox-entry';

/** What a change needs to know of the document it changes: the version it was read at. */
export interface AggregateVersion {
  _id: string;
  version: number;
  lastSequence: number;
}

type Update<T> = Pick<
  UpdateQuery<T>,
  '$set' | '$unset' | '$push' | '$pull' | '$pullAll' | '$inc' | '$addToSet'
>;

/**
 * State change + its events in one single-document write (DESIGN.md, "Outbox without
 * transactions"). After each write the relay is nudged; its poll covers a crash in between.
 */
export class Outbox {
  constructor(private readonly nudge: (tenant: string) => void = () => undefined) {}

  /** Inserts a new aggregate at version 1 with its events. Duplicate keys surface as code 11000. */
  async create<T extends OutboxFields & { _id: string }>(
    model: Model<T>,
    document: Omit<T, keyof OutboxFields>,
    drafts: EventDraft[],
    meta: ChangeMeta,
  ): Promise<T> {
    const outbox = buildOutboxEntries(document._id, 0, drafts, meta);
    const [created] = await model.insertMany([
      { ...document, version: 1, lastSequence: outbox.length, outbox, relayLeaseUntil: null },
    ]);
    if (outbox.length > 0) this.nudge(meta.tenant);
    return (created as unknown as { toObject(): T }).toObject();
  }

  /**
   * Applies `update` and appends the events only if the document is still at `current.version`.
   * Returns the document after the change, or null when someone else changed it first.
   */
  async commit<T extends OutboxFields & { _id: string }>(
    model: Model<T>,
    current: AggregateVersion,
    update: Update<T>,
    drafts: EventDraft[],
    meta: ChangeMeta,
  ): Promise<T | null> {
    const outbox = buildOutboxEntries(current._id, current.lastSequence, drafts, meta);
    const merged: Record<string, Record<string, unknown>> = {
      ...(update as Record<string, Record<string, unknown>>),
      $inc: { ...(update.$inc as Record<string, unknown>), version: 1, lastSequence: outbox.length },
    };
    if (outbox.length > 0) {
      merged['$push'] = { ...(update.$push as Record<string, unknown>), outbox: { $each: outbox } };
    }
    const updated = await documentLocks.run(
      documentKey(model.db.name, model.collection.collectionName, current._id),
      () =>
        model
          .findOneAndUpdate({ _id: current._id, version: current.version } as never, merged as never, {
            new: true,
          })
          .lean<T>()
          .exec(),
    );
    if (updated && outbox.length > 0) this.nudge(meta.tenant);
    return updated;
  }
}
