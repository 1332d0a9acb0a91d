import { BoundedCache, type Principal } from '@tradepilot/auth';
import { nationalScope, type TenantDatabases } from '@tradepilot/tenancy';
import { userModel, type UserDocument } from './user-model';

type Standing = Pick<UserDocument, 'disabled' | 'version'> | null;

/**
 * Whether a user may still use a token already issued: a disabled user may not, and neither may
 * a token older than the user's current version (raised when an operator disables the user). The
 * user's standing is read again after `recheckMs`, so every replica ends a disabled user's access
 * within that time, not at token expiry. Users the gateway does not keep (an external provider's)
 * stand as their provider says.
 */
export class UserRevocation {
  private readonly standing = new BoundedCache<{ standing: Standing; readAtMs: number }>(10_000);

  constructor(
    private readonly databases: TenantDatabases,
    private readonly recheckMs: number,
  ) {}

  async stillValid(principal: Principal, tokenUserVersion: number | undefined): Promise<boolean> {
    const standing = await this.standingOf(principal.userId);
    if (!standing) return true;
    if (standing.disabled) return false;
    return (tokenUserVersion ?? 0) >= (standing.version ?? 0);
  }

  private readonly reading = new Map<string, Promise<Standing>>();

  private async standingOf(userId: string): Promise<Standing> {
    const known = this.standing.get(userId);
    if (known && Date.now() - known.readAtMs < this.recheckMs) return known.standing;
    // one read per user at a time, however many of the user's calls arrive together
    let read = this.reading.get(userId);
    if (!read) {
      read = this.read(userId, known?.standing ?? null).finally(() => this.reading.delete(userId));
      this.reading.set(userId, read);
    }
    return read;
  }

  private async read(userId: string, lastKnown: Standing): Promise<Standing> {
    try {
      const user = await (await this.databases.model(nationalScope, userModel))
        .findById(userId, { disabled: 1, version: 1 })
        .lean<Pick<UserDocument, 'disabled' | 'version'>>();
      const standing = user ? { disabled: user.disabled, version: user.version ?? 0 } : null;
      this.standing.set(userId, { standing, readAtMs: Date.now() });
      return standing;
    } catch {
      // the database is out: the verified token and the last known standing decide meanwhile
      return lastKnown;
    }
  }
}
