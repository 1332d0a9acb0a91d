import type { Model, UpdateQuery } from 'mongoose';
import { buildOutboxEntries, type ChangeMeta, type EventDraft, type OutboxFields } from './outbox-entry';
import { versionClaims, type VersionClaims } from './version-claims';
import { isDuplicateKeyError } from './duplicate-guards';

/** What a change needs to know of the document it changes: the version it was read at. */
export interface AggregateVersion {
  _id: string;
  version: number;
  lastSequence: number;
}

/**
 * A document that belongs to one change (an audit line): written under the change's claim before
 * the change, under an id derived from the aggregate and the new version, and removed again when
 * the change does not land. A crash in between leaves a line of a version the aggregate never
 * reached, which the next change to that version overwrites.
 */
export interface ChangeRecord {
  // a record of any collection: the document type cannot be narrower
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  model: Model<any>;
  document: { _id: string } & Record<string, unknown>;
}

type Update<T> = Pick<
  UpdateQuery<T>,
  '$set' | '$unset' | '$push' | '$pull' | '$pullAll' | '$inc' | '$addToSet'
>;

/**
 * State change + its events in one single-document write (DESIGN.md, "Outbox without
 * transactions"). After each write the relay is nudged; its poll covers a crash in between.
 */
/** The document a write just gave events to: the relay can publish it without looking for it. */
export interface WrittenDocument {
  collection: string;
  id: string;
}

export class Outbox {
  constructor(
    private readonly nudge: (tenant: string, written: WrittenDocument) => void = () => undefined,
    private readonly claims: VersionClaims = versionClaims,
  ) {}

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
    if (outbox.length > 0)
      this.nudge(meta.tenant, { collection: model.collection.collectionName, id: document._id });
    return (created as unknown as { toObject(): T }).toObject();
  }

  /**
   * Applies `update` and appends the events only if the document is still at `current.version`.
   * Returns the document after the change, or null when someone else changed it first. The write
   * runs under the claim of the next version (`version-claims.ts`), so two writers of one version
   * never both succeed, in one process or in several, on MongoDB and on FerretDB alike.
   */
  async commit<T extends OutboxFields & { _id: string }>(
    model: Model<T>,
    current: AggregateVersion,
    update: Update<T>,
    drafts: EventDraft[],
    meta: ChangeMeta,
    records: ChangeRecord[] = [],
  ): Promise<T | null> {
    const outbox = buildOutboxEntries(current._id, current.lastSequence, drafts, meta);
    const merged: Record<string, Record<string, unknown>> = {
      ...(update as Record<string, Record<string, unknown>>),
      $inc: { ...(update.$inc as Record<string, unknown>), version: 1, lastSequence: outbox.length },
    };
    if (outbox.length > 0) {
      merged['$push'] = { ...(update.$push as Record<string, unknown>), outbox: { $each: outbox } };
    }
    const updated = await this.claims.change(model as never, current._id, current.version, async () => {
      // a writer that read an old version can win a released claim: its records must not replace
      // those of the change that made that version (while the claim is held the version stays)
      if (records.length > 0) {
        const now = await model.collection.findOne({ _id: current._id } as never, {
          projection: { version: 1 },
        });
        if ((now as { version?: number } | null)?.version !== current.version) return null;
      }
      for (const record of records) {
        // an insert in the common case: on FerretDB an upsert first looks for the _id (~20 ms more
        // per audit line); a record a failed attempt left behind under that _id is replaced
        try {
          await record.model.create(record.document);
        } catch (err) {
          if (!isDuplicateKeyError(err)) throw err;
          await record.model.replaceOne({ _id: record.document._id }, record.document, { upsert: true });
        }
      }
      const written = await model
        .findOneAndUpdate({ _id: current._id, version: current.version } as never, merged as never, {
          new: true,
        })
        .lean<T>()
        .exec();
      if (!written) {
        for (const record of records) await record.model.deleteOne({ _id: record.document._id });
      }
      return written;
    });
    if (updated && outbox.length > 0)
      this.nudge(meta.tenant, { collection: model.collection.collectionName, id: current._id });
    return updated;
  }
}
