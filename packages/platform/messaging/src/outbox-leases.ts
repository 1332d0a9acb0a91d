import type { Collection, Db } from 'mongodb';
import { duplicateKeyPositions } from '@tradepilot/tenancy';
import { isDuplicateKeyError } from './duplicate-guards';

/** One relay's claim on one aggregate document's outbox; `_id` = `<collection>:<document id>`. */
export interface OutboxLease {
  _id: string;
  owner: string;
  until: Date;
}

/** Where the leases of a tenant database live, beside the aggregates they guard. */
export const outboxLeaseCollection = 'outbox_leases';

/**
 * Leases as claims: taking one is the insert of a document under the aggregate's key, and a
 * duplicate key means another relay holds it (an insert is isolated on FerretDB, a conditional
 * update is not). Renewing and releasing match the owner, so a relay never ends another's lease.
 */
export class OutboxLeases {
  constructor(
    /** this relay, unique per process */
    readonly owner: string,
    readonly leaseMs: number,
  ) {}

  static collection(db: Db): Collection<OutboxLease> {
    return db.collection<OutboxLease>(outboxLeaseCollection);
  }

  static key(collection: string, documentId: unknown): string {
    return `${collection}:${String(documentId)}`;
  }

  /** true when this relay now holds the lease; false when another live relay does */
  async acquire(leases: Collection<OutboxLease>, key: string, now = new Date()): Promise<boolean> {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        await leases.insertOne({
          _id: key,
          owner: this.owner,
          until: new Date(now.getTime() + this.leaseMs),
        });
        return true;
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
      }
      const held = await leases.findOne({ _id: key });
      if (held && held.until > now) return false;
      // expired (its relay died): remove exactly that lease, then claim anew; the insert decides
      if (held) await leases.deleteOne({ _id: key, owner: held.owner, until: held.until });
    }
    return false;
  }

  /**
   * Many leases in one insert (a page of documents): the keys this relay now holds. A key another
   * relay holds is tried once more alone, which takes it over when that lease has expired.
   */
  async acquireMany(leases: Collection<OutboxLease>, keys: string[], now = new Date()): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const until = new Date(now.getTime() + this.leaseMs);
    let refused = new Set<number>();
    try {
      await leases.insertMany(
        keys.map((_id) => ({ _id, owner: this.owner, until })),
        { ordered: false },
      );
    } catch (err) {
      refused = duplicateKeyPositions(err);
    }
    const held = new Set(keys.filter((_, i) => !refused.has(i)));
    for (const i of refused) {
      const key = keys[i] as string;
      if (await this.acquire(leases, key, now)) held.add(key);
    }
    return held;
  }

  /** Extends the lease; false when it is no longer this relay's (expired and taken over). */
  async renew(leases: Collection<OutboxLease>, key: string, now = new Date()): Promise<boolean> {
    const { matchedCount } = await leases.updateOne(
      { _id: key, owner: this.owner },
      { $set: { until: new Date(now.getTime() + this.leaseMs) } },
    );
    return matchedCount === 1;
  }

  async release(leases: Collection<OutboxLease>, key: string): Promise<void> {
    await leases.deleteOne({ _id: key, owner: this.owner });
  }

  /** Extends many leases; returns the keys still this relay's. */
  async renewMany(leases: Collection<OutboxLease>, keys: string[], now = new Date()): Promise<Set<string>> {
    const { matchedCount } = await leases.updateMany(
      { _id: { $in: keys }, owner: this.owner },
      { $set: { until: new Date(now.getTime() + this.leaseMs) } },
    );
    if (matchedCount === keys.length) return new Set(keys);
    const mine = await leases
      .find({ _id: { $in: keys }, owner: this.owner }, { projection: { _id: 1 } })
      .toArray();
    return new Set(mine.map((lease) => lease._id));
  }

  async releaseMany(leases: Collection<OutboxLease>, keys: string[]): Promise<void> {
    if (keys.length > 0) await leases.deleteMany({ _id: { $in: keys }, owner: this.owner });
  }
}
