import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { Schema } from 'mongoose';
import { trusted } from './database-connection';
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
  await (
    await databases.model(nationalScope, projectionStampModel)
  ).updateOne({ _id: projection }, { $set: { stamp: randomUUID(), at: new Date() } }, { upsert: true });
}

const unstamped = 'unstamped';

/**
 * Set while a stamped read loads: a read nested in it (a summary built from the rows of another
 * stamped read) checks its stamps even within `checkMs`, or it could hand the outer read a value
 * older than the stamps the outer one is about to keep it under, stale until `maxAgeMs`.
 */
const loadingStampedRead = new AsyncLocalStorage<true>();

/** What one instance last read of stamped projections, and under which stamps. */
export class StampedReads {
  private readonly entries = new Map<
    string,
    { stamp: string; value: unknown; atMs: number; checkedAtMs: number }
  >();

  /**
   * A kept value is returned without reading the stamps for `checkMs` after they were last read
   * (a dashboard polled many times a second reads them about once a second, and is at most that
   * much behind its projections), and reused under unchanged stamps for at most `maxAgeMs` (a
   * writer that died between its write and its stamp leaves readers behind for no longer).
   */
  constructor(
    private readonly databases: TenantDatabases,
    private readonly options: { maxEntries?: number; maxAgeMs?: number; checkMs?: number } = {},
  ) {}

  /**
   * `load()`'s value, reused while the stamps of `projections` (one, or every projection the
   * value is computed from) stay the same. `key` names the read (e.g. the projection and a
   * round). Callers must not change what they get: it is shared. `load` may itself use stamped
   * reads (they check their stamps then, whatever `checkMs`).
   */
  async read<T>(projections: string | readonly string[], key: string, load: () => Promise<T>): Promise<T> {
    const { maxEntries = 256, maxAgeMs = 60_000, checkMs = 0 } = this.options;
    const kept = this.entries.get(key);
    const calledAtMs = Date.now();
    const nested = loadingStampedRead.getStore() === true;
    if (kept && !nested && calledAtMs - kept.checkedAtMs < checkMs && calledAtMs - kept.atMs < maxAgeMs)
      return kept.value as T;
    const names = typeof projections === 'string' ? [projections] : [...projections];
    const stamps = await this.databases.model(nationalScope, projectionStampModel);
    const found = await (
      names.length === 1
        ? stamps.find({ _id: names[0] as string })
        : stamps.find({ _id: trusted({ $in: names }) })
    ).lean<ProjectionStamp[]>();
    const byName = new Map(found.map((s) => [s._id, s.stamp]));
    const stamp = names.map((n) => byName.get(n) ?? unstamped).join('|');
    if (kept && kept.stamp === stamp && calledAtMs - kept.atMs < maxAgeMs) {
      kept.checkedAtMs = calledAtMs;
      return kept.value as T;
    }
    const value = await loadingStampedRead.run(true, load);
    this.entries.delete(key);
    this.entries.set(key, { stamp, value, atMs: calledAtMs, checkedAtMs: calledAtMs });
    if (this.entries.size > maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }
}

const readsOf = new WeakMap<TenantDatabases, StampedReads>();

/**
 * The instance's stamped reads over these databases (one per service process); `options` count
 * when the first call creates them (a service's start).
 */
export function stampedReads(
  databases: TenantDatabases,
  options?: ConstructorParameters<typeof StampedReads>[1],
): StampedReads {
  let reads = readsOf.get(databases);
  if (!reads) {
    reads = new StampedReads(databases, options);
    readsOf.set(databases, reads);
  }
  return reads;
}
