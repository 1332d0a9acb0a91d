import type { Principal } from '@tradepilot/auth';
import { AppError } from '@tradepilot/service-kit';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export interface CallRateLimitOptions {
  userCalls: number;
  tenantCalls: number;
  anonymousCalls: number;
  windowSeconds: number;
}

export type RateDecision = { allowed: true } | { allowed: false; error: AppError; retryAfterSeconds: number };

const tooMany = (who: 'user' | 'tenant' | 'address', retryAfterSeconds: number) =>
  new AppError(
    'TOO_MANY_REQUESTS',
    'RATE_LIMITED',
    {
      'zh-CN': `${{ user: '您的', tenant: '本单位的', address: '该地址的' }[who]}请求过于频繁，请 ${retryAfterSeconds} 秒后再试`,
      en: `Too many requests from this ${who}; try again in ${retryAfterSeconds} s`,
    },
    { limit: who, retryAfterSeconds },
  );

/**
 * Per-user and per-tenant call quotas (rate-limiter-flexible, fixed windows in this process).
 * A tenant is a province, or for national users their organisation, so one busy province
 * cannot use up what the others get. Every call of a batch counts.
 */
export class CallRateLimits {
  private readonly users: RateLimiterMemory;
  private readonly tenants: RateLimiterMemory;
  private readonly anonymous: RateLimiterMemory;

  constructor(options: CallRateLimitOptions) {
    const duration = options.windowSeconds;
    this.users = new RateLimiterMemory({ keyPrefix: 'user', points: options.userCalls, duration });
    this.tenants = new RateLimiterMemory({ keyPrefix: 'tenant', points: options.tenantCalls, duration });
    this.anonymous = new RateLimiterMemory({ keyPrefix: 'anon', points: options.anonymousCalls, duration });
  }

  async consume(principal: Principal | null, address: string, calls: number): Promise<RateDecision> {
    try {
      if (!principal) {
        await this.anonymous.consume(address, calls);
        return { allowed: true };
      }
      await this.consumeFrom(this.users, principal.userId, calls, 'user');
      const tenant = principal.tenant ?? `org:${principal.organisationId ?? principal.userId}`;
      await this.consumeFrom(this.tenants, tenant, calls, 'tenant');
      return { allowed: true };
    } catch (err) {
      if (err instanceof Limited)
        return { allowed: false, error: err.error, retryAfterSeconds: err.retryAfter };
      if (err instanceof RateLimiterRes) {
        const retryAfter = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
        return { allowed: false, error: tooMany('address', retryAfter), retryAfterSeconds: retryAfter };
      }
      throw err;
    }
  }

  private async consumeFrom(limiter: RateLimiterMemory, key: string, calls: number, who: 'user' | 'tenant') {
    try {
      await limiter.consume(key, calls);
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      const retryAfter = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
      throw new Limited(tooMany(who, retryAfter), retryAfter);
    }
  }
}

class Limited extends Error {
  constructor(
    readonly error: AppError,
    readonly retryAfter: number,
  ) {
    super(error.message);
  }
}
