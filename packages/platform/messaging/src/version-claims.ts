import { randomUUID } from 'node:crypto';
import type { Model } from 'mongoose';
import { duplicateKeyPositions } from '@tradepilot/tenancy';
import { isDuplicateKeyError } from './duplicate-guards';

/**
 * A claim on one version of one aggregate: the document `<aggregate id>:<version>` in
 * `<collection>_claims`. FerretDB 1.24 applies an update as read, change, write back by `_id`
 * without isolation, so two conditional updates on one version can both succeed; an insert under
 * a unique `_id` cannot. Whoever inserts the claim is the only writer of that version, in every
 * process. A claim lives for the length of one write: it is deleted once the write has landed
 * (the document then no longer matches the old version), so the collection holds only writes in
 * flight and the leftovers of crashes, which the next writer takes over when they are stale.
 */
export interface VersionClaim {
  _id: string;
  aggregateId: string;
  version: number;
  owner: string;
  /** change: a versioned write; hold: a short write that leaves the version as it is (the relay) */
  kind: 'change' | 'hold';
  at: Date;
}

export interface VersionClaimsOptions {
  /** a claim older than this, on a document still below the claimed version, was left by a crash */
  staleAfterMs?: number;
  /** how long a change waits for a hold (the relay's write) to be released before it gives up */
  holdWaitMs?: number;
}

/** An aggregate at the version a writer read it. */
export interface HeldVersion {
  aggregateId: string;
  current: number;
}

export const versionClaimId = (aggregateId: string, version: number): string => `${aggregateId}:${version}`;

export const claimsCollectionName = (collection: string): string => `${collection}_claims`;

type VersionedModel = Model<never> | Model<unknown>;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class VersionClaims {
  private readonly staleAfterMs: number;
  private readonly holdWaitMs: number;

  constructor(options: VersionClaimsOptions = {}) {
    this.staleAfterMs = options.staleAfterMs ?? 30_000;
    this.holdWaitMs = options.holdWaitMs ?? 10_000;
  }

  /**
   * Runs `write` as the only writer of version `current + 1` of the aggregate; null (without
   * running it) when another writer holds that version. `write` must be conditional on `current`.
   */
  async change<T>(
    model: VersionedModel,
    aggregateId: string,
    current: number,
    write: () => Promise<T>,
  ): Promise<T | null> {
    return this.guarded(model, aggregateId, current, 'change', write);
  }

  /**
   * Runs a write that leaves the version as it is (the relay's lease and its removal of published
   * entries) so that no versioned change interleaves with it. Null when a change is under way.
   */
  async hold<T>(
    model: VersionedModel,
    aggregateId: string,
    current: number,
    write: () => Promise<T>,
  ): Promise<T | null> {
    return this.guarded(model, aggregateId, current, 'hold', write);
  }

  /**
   * `hold` for many aggregates with one insert and one delete of claims (the relay clearing a
   * page of outboxes): runs `write` with the aggregates it holds. Those a writer holds now are
   * returned, not waited for: each then takes a `hold` of its own, which waits.
   */
  async holdMany<T>(
    model: VersionedModel,
    versions: HeldVersion[],
    write: (held: HeldVersion[]) => Promise<T>,
  ): Promise<{ result: T | undefined; notHeld: HeldVersion[] }> {
    const owner = randomUUID();
    const at = new Date();
    const claims: VersionClaim[] = versions.map(({ aggregateId, current }) => ({
      _id: versionClaimId(aggregateId, current + 1),
      aggregateId,
      version: current + 1,
      owner,
      kind: 'hold',
      at,
    }));
    let refused = new Set<number>();
    if (claims.length > 0) {
      try {
        await this.claims(model).insertMany(claims, { ordered: false });
      } catch (err) {
        refused = duplicateKeyPositions(err);
      }
    }
    const held = versions.filter((_, i) => !refused.has(i));
    const notHeld = versions.filter((_, i) => refused.has(i));
    if (held.length === 0) return { result: undefined, notHeld };
    try {
      return { result: await write(held), notHeld };
    } finally {
      const mine = claims.filter((_, i) => !refused.has(i)).map((claim) => claim._id);
      await this.claims(model)
        .deleteMany({ _id: { $in: mine }, owner })
        .catch(() => undefined);
    }
  }

  private async guarded<T>(
    model: VersionedModel,
    aggregateId: string,
    current: number,
    kind: VersionClaim['kind'],
    write: () => Promise<T>,
  ): Promise<T | null> {
    const claims = this.claims(model);
    const claim: VersionClaim = {
      _id: versionClaimId(aggregateId, current + 1),
      aggregateId,
      version: current + 1,
      owner: randomUUID(),
      kind,
      at: new Date(),
    };
    if (!(await this.acquire(model, claim))) return null;
    let landed = false;
    try {
      const result = await write();
      landed = kind === 'change' && result !== null && result !== undefined;
      return result;
    } finally {
      // once a change has landed, no claim on a version up to it guards anything: that also
      // sweeps the leftovers of writers that crashed after their write
      await claims
        .deleteMany(
          landed ? { aggregateId, version: { $lte: claim.version } } : { _id: claim._id, owner: claim.owner },
        )
        .catch(() => undefined);
    }
  }

  private claims(model: VersionedModel) {
    return model.db.collection<VersionClaim>(claimsCollectionName(model.collection.collectionName));
  }

  private async acquire(model: VersionedModel, claim: VersionClaim): Promise<boolean> {
    const claims = this.claims(model);
    const waitUntil = Date.now() + this.holdWaitMs;
    for (;;) {
      try {
        await claims.insertOne({ ...claim, at: new Date() });
        return true;
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
      }
      const existing = await claims.findOne({ _id: claim._id });
      if (!existing) continue; // released in between: try again
      const age = Date.now() - new Date(existing.at).getTime();
      if (age >= this.staleAfterMs) return this.takeOver(model, claim, existing);
      // a hold is short and leaves the version alone: wait for it rather than report a conflict
      if (existing.kind === 'hold' && Date.now() < waitUntil) {
        await pause(20);
        continue;
      }
      return false;
    }
  }

  /**
   * A stale claim on a version the document never reached was left by a crash: it is replaced.
   * The owner is read back, because two writers replacing the same stale claim at once could
   * each delete the other's fresh one.
   */
  private async takeOver(model: VersionedModel, claim: VersionClaim, stale: VersionClaim): Promise<boolean> {
    const document = (await model.collection.findOne({ _id: claim.aggregateId } as never, {
      projection: { version: 1 },
    })) as { version?: number } | null;
    if (!document || (document.version ?? 0) >= claim.version) {
      // the stale claim's write landed: the claim is only a leftover, and this version is taken
      await this.claims(model)
        .deleteOne({ _id: stale._id, owner: stale.owner })
        .catch(() => undefined);
      return false;
    }
    const claims = this.claims(model);
    await claims.deleteOne({ _id: stale._id, owner: stale.owner });
    try {
      await claims.insertOne({ ...claim, at: new Date() });
    } catch (err) {
      if (isDuplicateKeyError(err)) return false;
      throw err;
    }
    const mine = await claims.findOne({ _id: claim._id });
    return mine?.owner === claim.owner;
  }
}

/** One set of claims per process; its settings are the defaults above. */
export const versionClaims = new VersionClaims();
