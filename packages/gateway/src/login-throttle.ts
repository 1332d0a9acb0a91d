import { isDuplicateKeyError } from '@tradepilot/messaging';
import { AppError } from '@tradepilot/service-kit';
import type { Logger } from '@tradepilot/telemetry';
import { nationalScope, trusted, type TenantDatabases } from '@tradepilot/tenancy';
import { loginAttemptModel } from './login-attempt-model';

export interface LoginThrottleOptions {
  attemptsPerAccount: number;
  attemptsPerAddress: number;
  windowSeconds: number;
}

const blocked = (retryAfterSeconds: number) =>
  new AppError(
    'TOO_MANY_REQUESTS',
    'LOGIN_RATE_LIMITED',
    {
      'zh-CN': `登录尝试次数过多，请 ${Math.ceil(retryAfterSeconds / 60)} 分钟后再试`,
      en: `Too many sign-in attempts; try again in ${Math.ceil(retryAfterSeconds / 60)} min`,
    },
    { retryAfterSeconds },
  );

const sweepEveryMs = 60_000;

/** What a reserved attempt holds, to be given back when the password was right. */
export interface LoginReservation {
  ids: string[];
  account: string;
}

/**
 * Sign-in attempts counted per account and per address in fixed windows, in the gateway's
 * national database: each attempt is reserved by inserting a claim document before the password
 * is checked, so parallel guesses (also those in one tRPC batch) cannot all pass the check
 * before any is counted, and the count survives restarts and is shared by every replica. A
 * successful sign-in gives back the account's attempts and its own address slot.
 */
export class LoginThrottle {
  private lastSweepMs = 0;

  constructor(
    private readonly databases: TenantDatabases,
    private readonly options: LoginThrottleOptions,
    private readonly now: () => Date,
    private readonly logger: Logger,
  ) {}

  private model() {
    return this.databases.model(nationalScope, loginAttemptModel);
  }

  /** Throws LOGIN_RATE_LIMITED when the account or the address has no attempts left in this window. */
  async reserve(username: string, address: string): Promise<LoginReservation> {
    const nowMs = this.now().getTime();
    const windowMs = this.options.windowSeconds * 1000;
    const window = Math.floor(nowMs / windowMs);
    const expiresAt = new Date((window + 1) * windowMs);
    const account = `account:${username.toLowerCase()}`;
    this.sweep(nowMs);
    const accountSlot = await this.claim(account, window, this.options.attemptsPerAccount, expiresAt);
    if (!accountSlot) throw blocked((expiresAt.getTime() - nowMs) / 1000);
    const addressSlot = await this.claim(
      `address:${address}`,
      window,
      this.options.attemptsPerAddress,
      expiresAt,
    );
    if (!addressSlot) {
      await (await this.model()).deleteOne({ _id: accountSlot });
      throw blocked((expiresAt.getTime() - nowMs) / 1000);
    }
    return { ids: [accountSlot, addressSlot], account };
  }

  /** The password was right: the account starts afresh and this attempt no longer counts. */
  async succeeded(reservation: LoginReservation): Promise<void> {
    const model = await this.model();
    await model.deleteMany({ counter: reservation.account });
    await model.deleteMany({ _id: trusted({ $in: reservation.ids }) });
  }

  /** The first free slot of the counter's window, starting where the count says the free ones begin. */
  private async claim(
    counter: string,
    window: number,
    limit: number,
    expiresAt: Date,
  ): Promise<string | undefined> {
    const model = await this.model();
    const taken = await model.countDocuments({ counter, window });
    for (let i = 0; i < limit && taken < limit; i += 1) {
      const _id = `${counter}|${window}|${(taken + i) % limit}`;
      try {
        await model.create({ _id, counter, window, expiresAt });
        return _id;
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
      }
    }
    return undefined;
  }

  /** Removes the claims of ended windows, at most once a minute and never in the caller's way. */
  private sweep(nowMs: number): void {
    if (nowMs - this.lastSweepMs < sweepEveryMs) return;
    this.lastSweepMs = nowMs;
    void this.model()
      .then((model) => model.deleteMany({ expiresAt: trusted({ $lte: new Date(nowMs) }) }))
      .catch((err: unknown) => this.logger.warn({ err }, 'sweeping old sign-in attempts failed'));
  }
}
