import type { Model } from 'mongoose';
import type { TimerClaimDocument } from './timer-claim-model';

const isDuplicateKey = (err: unknown): boolean => (err as { code?: number } | null)?.code === 11000;

/**
 * Takes the item for `owner`. False when it fired already or another scheduler holds a live claim.
 * An expired unfinished claim (its holder died mid-item) is removed and the insert raced again.
 */
export async function claimDueItem(
  claims: Model<TimerClaimDocument>,
  key: string,
  owner: string,
  leaseMs: number,
): Promise<boolean> {
  // lease times are wall-clock: the scheduler's clock may be moved by tests, leases must not
  const wall = Date.now();
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      await claims.create({
        _id: key,
        owner,
        claimedAt: new Date(wall),
        leaseUntil: new Date(wall + leaseMs),
        firedAt: null,
        outcome: null,
      });
      return true;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    const existing = await claims.findById(key).lean<TimerClaimDocument>();
    if (!existing) continue;
    if (existing.firedAt || existing.leaseUntil.getTime() > wall) return false;
    await claims.deleteOne({ _id: key, owner: existing.owner, firedAt: null });
  }
  return false;
}

/** Gives the item back after a failure: the next sweep claims it again. */
export async function releaseClaim(
  claims: Model<TimerClaimDocument>,
  key: string,
  owner: string,
): Promise<void> {
  await claims.deleteOne({ _id: key, owner, firedAt: null });
}

export async function markFired(
  claims: Model<TimerClaimDocument>,
  key: string,
  owner: string,
  outcome: string,
): Promise<void> {
  await claims.updateOne({ _id: key, owner }, { $set: { firedAt: new Date(), outcome } });
}
