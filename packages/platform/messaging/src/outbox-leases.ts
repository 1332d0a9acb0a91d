import type { Collection, Db } from 'mongodb';
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
}
