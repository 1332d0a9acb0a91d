import { randomUUID } from 'node:crypto';
import { Schema } from 'mongoose';
import { defineModel } from './model-definition';
import type { TenantDatabases } from './tenant-databases';
import { nationalScope } from './tenant-scope';

export interface ProjectionStamp {
  _id: string;
  stamp: string;
  at: Date;
}

/**
 * One small document per national projection in `projection_stamps`, given a new random stamp
 * after each write to the projection. FerretDB reads every document of a collection at every
 * query and pays for its bytes (hundreds of rows of a dashboard: about 400 ms), so instances keep
 * what they last read and check only the stamp, one tiny read by _id.
 */
export const projectionStampModel = defineModel<ProjectionStamp>({
  name: 'ProjectionStamp',
  collection: 'projection_stamps',
  placement: 'national',
  schema: new Schema<ProjectionStamp>(
    {
      _id: { type: String, required: true },
      stamp: { type: String, required: true },
      at: { type: Date, required: true },
    },
    { versionKey: false },
  ),
});

/**
 * Marks a national projection changed. Call it after the projection's write: a reader reads the
 * stamp before the rows, so whatever it keeps under a stamp is at least as new as that stamp. A
 * fresh random value on every write (not a counter) means concurrent writers never leave a stamp
 * unchanged, whichever of them wins.
 */
export async function stampProjection(databases: TenantDatabases, projection: string): Promise<void> {
  await (await databases.model(nationalScope, projectionStampModel)).updateOne(
    { _id: projection },
    { $set: { stamp: randomUUID(), at: new Date() } },
    { upsert: true },
  );
}

const unstamped = 'unstamped';

/** What one instance last read of stamped projections, and under which stamp. */
export class StampedReads {
  private readonly entries = new Map<string, { stamp: string; value: unknown }>();

  constructor(
    private readonly databases: TenantDatabases,
    private readonly maxEntries = 256,
  ) {}

  /**
   * `load()`'s value, reused while `projection`'s stamp stays the same. `key` names the read
   * (e.g. the projection and a round). Callers must not change what they get: it is shared.
   */
  async read<T>(projection: string, key: string, load: () => Promise<T>): Promise<T> {
    const stamps = await this.databases.model(nationalScope, projectionStampModel);
    const stamp = (await stamps.findById(projection).lean<ProjectionStamp>())?.stamp ?? unstamped;
    const kept = this.entries.get(key);
    if (kept && kept.stamp === stamp) return kept.value as T;
    const value = await load();
    this.entries.delete(key);
    this.entries.set(key, { stamp, value });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }
}

const readsOf = new WeakMap<TenantDatabases, StampedReads>();

/** The instance's stamped reads over these databases (one per service process). */
export function stampedReads(databases: TenantDatabases): StampedReads {
  let reads = readsOf.get(databases);
  if (!reads) {
    reads = new StampedReads(databases);
    readsOf.set(databases, reads);
  }
  return reads;
}
