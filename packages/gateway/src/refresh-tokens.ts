import { insertOnce } from '@tradepilot/messaging';
import { nationalScope, trusted, type TenantDatabases } from '@tradepilot/tenancy';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { refreshTokenModel, type RefreshTokenDocument } from './refresh-token-model';
import { refreshTokenUseModel } from './refresh-token-use-model';

const digest = (token: string) => createHash('sha256').update(token).digest('base64url');

export type RefreshOutcome =
  | { ok: true; userId: string; token: string; expiresAt: Date }
  | { ok: false; reason: 'unknown' | 'expired' | 'revoked' | 'reused' };

/** Refresh tokens: opaque 256-bit values, rotated on every use, revoked at logout. */
export class RefreshTokens {
  constructor(
    private readonly databases: TenantDatabases,
    private readonly ttlSeconds: number,
    private readonly now: () => Date,
  ) {}

  private model() {
    return this.databases.model(nationalScope, refreshTokenModel);
  }

  async issue(userId: string, familyId: string = randomUUID()): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const issuedAt = this.now();
    const expiresAt = new Date(issuedAt.getTime() + this.ttlSeconds * 1000);
    await (
      await this.model()
    ).create({
      _id: digest(token),
      userId,
      familyId,
      issuedAt,
      expiresAt,
      usedAt: null,
      revokedAt: null,
      revokedReason: null,
    });
    return { token, expiresAt };
  }

  /**
   * Exchanges a refresh token for a new one of the same family. The use is claimed by inserting
   * a document under the token's id, so of two concurrent refreshes with the same token exactly
   * one wins; a token presented again after that revokes its family.
   */
  async rotate(token: string): Promise<RefreshOutcome> {
    const model = await this.model();
    const id = digest(token);
    const now = this.now();
    const existing = await model.findById(id).lean<RefreshTokenDocument>();
    if (!existing) return { ok: false, reason: 'unknown' };
    if (existing.revokedAt) return { ok: false, reason: 'revoked' };
    if (existing.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
    const uses = await this.databases.model(nationalScope, refreshTokenUseModel);
    const claimed =
      !existing.usedAt &&
      (await insertOnce(() => uses.create({ _id: id, usedAt: now, expiresAt: existing.expiresAt }))) ===
        'inserted';
    if (!claimed) {
      await this.revokeFamily(existing.familyId, 'reused');
      return { ok: false, reason: 'reused' };
    }
    await model.updateOne({ _id: id }, { $set: { usedAt: now } });
    this.sweepUses(now);
    const next = await this.issue(existing.userId, existing.familyId);
    return { ok: true, userId: existing.userId, ...next };
  }

  private lastSweepMs = 0;

  /** Claims of expired tokens are dead weight: removed at most once a minute, off the caller's path. */
  private sweepUses(now: Date): void {
    if (now.getTime() - this.lastSweepMs < 60_000) return;
    this.lastSweepMs = now.getTime();
    void this.databases
      .model(nationalScope, refreshTokenUseModel)
      .then((uses) => uses.deleteMany({ expiresAt: trusted({ $lte: now }) }))
      .catch(() => undefined);
  }

  /** Logout: the token's whole family ends (every token refreshed from the same sign-in). */
  async revoke(token: string): Promise<boolean> {
    const existing = await (await this.model()).findById(digest(token)).lean<RefreshTokenDocument>();
    if (!existing) return false;
    await this.revokeFamily(existing.familyId, 'logout');
    return true;
  }

  async revokeUser(userId: string, reason: string): Promise<void> {
    await (
      await this.model()
    ).updateMany({ userId, revokedAt: null }, { $set: { revokedAt: this.now(), revokedReason: reason } });
  }

  private async revokeFamily(familyId: string, reason: string): Promise<void> {
    await (
      await this.model()
    ).updateMany({ familyId, revokedAt: null }, { $set: { revokedAt: this.now(), revokedReason: reason } });
  }
}
