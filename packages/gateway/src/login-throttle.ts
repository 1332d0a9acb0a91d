import { isDuplicateKeyError } from '@tradepilot/messaging';
import { AppError } from '@tradepilot/service-kit';
import type { Logger } from '@tradepilot/telemetry';
import { nationalScope, trusted, type TenantDatabases } from '@tradepilot/tenancy';
import { loginAttemptModel, type LoginAttemptDocument } from './login-attempt-model';

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
 * Sign-in attempts counted per account and per address over a sliding window, in the gateway's
 * national database: each attempt is reserved by inserting a claim document before the password
 * is checked, so parallel guesses (also those in one tRPC batch) cannot all pass the check
 * before any is counted, and the count survives restarts and is shared by every replica. Each
 * attempt counts for the window after it was made (a fixed window would reset on the clock's
 * boundary and let twice the limit through across it). A successful sign-in gives back the
 * account's attempts and its own address slot.
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

  /** Throws LOGIN_RATE_LIMITED when the account or the address has no attempts left in the window. */
  async reserve(username: string, address: string): Promise<LoginReservation> {
    const now = this.now();
    const account = `account:${username.toLowerCase()}`;
    this.sweep(now.getTime());
    const accountSlot = await this.claim(account, this.options.attemptsPerAccount, now);
    if ('retryAfterSeconds' in accountSlot) throw blocked(accountSlot.retryAfterSeconds);
    const addressSlot = await this.claim(`address:${address}`, this.options.attemptsPerAddress, now);
    if ('retryAfterSeconds' in addressSlot) {
      await (await this.model()).deleteOne({ _id: accountSlot.id });
      throw blocked(addressSlot.retryAfterSeconds);
    }
    return { ids: [accountSlot.id, addressSlot.id], account };
  }

  /** The password was right: the account starts afresh and this attempt no longer counts. */
  async succeeded(reservation: LoginReservation): Promise<void> {
    const model = await this.model();
    await model.deleteMany({ counter: reservation.account });
    await model.deleteMany({ _id: trusted({ $in: reservation.ids }) });
  }

  /**
   * A free slot of the counter, or how long until its oldest attempt expires. A slot is free
   * when no attempt holds it or its latest attempt has expired; an attempt's `_id` is
   * `<counter>#<slot>#<generation>`, and every claimer of a freed slot inserts the same next
   * generation, so the unique `_id` decides between them and nothing is deleted on the way
   * (a read-then-delete can remove another replica's fresh claim on FerretDB).
   */
  private async claim(
    counter: string,
    limit: number,
    now: Date,
  ): Promise<{ id: string } | { retryAfterSeconds: number }> {
    const model = await this.model();
    const attempts = await model.find({ counter }).lean<LoginAttemptDocument[]>();
    const held = attempts.filter((a) => a.expiresAt.getTime() > now.getTime());
    const latest = new Map<number, { generation: number; held: boolean }>();
    for (const a of attempts) {
      const [, slotText, generationText] = a._id.slice(counter.length).split('#');
      const slot = Number(slotText);
      const generation = Number(generationText);
      if (!Number.isInteger(slot) || !Number.isInteger(generation)) continue;
      const known = latest.get(slot);
      if (!known || generation > known.generation)
        latest.set(slot, { generation, held: a.expiresAt.getTime() > now.getTime() });
    }
    const expiresAt = new Date(now.getTime() + this.options.windowSeconds * 1000);
    if (held.length < limit) {
      for (let slot = 0; slot < limit; slot += 1) {
        const known = latest.get(slot);
        if (known?.held) continue;
        const _id = `${counter}#${slot}#${known ? known.generation + 1 : 0}`;
        try {
          await model.create({ _id, counter, expiresAt });
          return { id: _id };
        } catch (err) {
          if (!isDuplicateKeyError(err)) throw err;
        }
      }
    }
    const oldest = Math.min(...held.map((a) => a.expiresAt.getTime()), expiresAt.getTime());
    return { retryAfterSeconds: Math.max(1, Math.ceil((oldest - now.getTime()) / 1000)) };
  }

  /**
   * Removes attempts that expired a window ago, at most once a minute and never in the caller's
   * way; a slot's latest attempt stays a window past its expiry, so its next generation is known.
   */
  private sweep(nowMs: number): void {
    if (nowMs - this.lastSweepMs < sweepEveryMs) return;
    this.lastSweepMs = nowMs;
    const before = new Date(nowMs - this.options.windowSeconds * 1000);
    void this.model()
      .then((model) => model.deleteMany({ expiresAt: trusted({ $lte: before }) }))
      .catch((err: unknown) => this.logger.warn({ err }, 'sweeping old sign-in attempts failed'));
  }
}
