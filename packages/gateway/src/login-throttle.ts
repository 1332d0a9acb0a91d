import { AppError } from '@tradepilot/service-kit';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export interface LoginThrottleOptions {
  failuresPerAccount: number;
  failuresPerAddress: number;
  windowSeconds: number;
}

const blocked = (retryAfterSeconds: number) =>
  new AppError(
    'TOO_MANY_REQUESTS',
    'LOGIN_RATE_LIMITED',
    {
      'zh-CN': `登录失败次数过多，请 ${Math.ceil(retryAfterSeconds / 60)} 分钟后再试`,
      en: `Too many failed sign-ins; try again in ${Math.ceil(retryAfterSeconds / 60)} min`,
    },
    { retryAfterSeconds },
  );

/**
 * Failed sign-ins counted per account and per address (rate-limiter-flexible): past either
 * limit, sign-in is refused before the password is even checked, so guessing gets nowhere and
 * costs no hashing. A successful sign-in clears the account's count.
 */
export class LoginThrottle {
  private readonly accounts: RateLimiterMemory;
  private readonly addresses: RateLimiterMemory;

  constructor(private readonly options: LoginThrottleOptions) {
    this.accounts = new RateLimiterMemory({
      keyPrefix: 'login-account',
      points: options.failuresPerAccount,
      duration: options.windowSeconds,
    });
    this.addresses = new RateLimiterMemory({
      keyPrefix: 'login-address',
      points: options.failuresPerAddress,
      duration: options.windowSeconds,
    });
  }

  /** Throws LOGIN_RATE_LIMITED when the account or the address has no attempts left. */
  async check(username: string, address: string): Promise<void> {
    const [account, from] = await Promise.all([
      this.accounts.get(username.toLowerCase()),
      this.addresses.get(address),
    ]);
    const spent = [
      [account, this.options.failuresPerAccount],
      [from, this.options.failuresPerAddress],
    ] as const;
    for (const [res, limit] of spent) {
      if (res && res.consumedPoints >= limit) throw blocked(Math.ceil(res.msBeforeNext / 1000));
    }
  }

  async failed(username: string, address: string): Promise<void> {
    await Promise.all([
      this.accounts.penalty(username.toLowerCase(), 1),
      this.addresses.penalty(address, 1),
    ]).catch((err: unknown) => {
      if (!(err instanceof RateLimiterRes)) throw err;
    });
  }

  async succeeded(username: string): Promise<void> {
    await this.accounts.delete(username.toLowerCase());
  }
}
