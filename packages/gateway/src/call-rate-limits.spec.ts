import type { Principal } from '@tradepilot/auth';
import { CallRateLimits } from './call-rate-limits';

const user = (userId: string, tenant: string | null, organisationId: string): Principal => ({
  userId,
  tenant,
  roles: [tenant ? 'province-officer' : 'ministry-officer'],
  organisationId,
});

describe('call quotas', () => {
  const limits = () =>
    new CallRateLimits({ userCalls: 3, tenantCalls: 5, anonymousCalls: 2, windowSeconds: 60 });

  it('counts per user first, then per tenant; another tenant is untouched', async () => {
    const q = limits();
    const a = user('a', 'guangdong', 'guangdong');
    const b = user('b', 'guangdong', 'guangzhou');
    expect((await q.consume(a, 'ip', 3)).allowed).toBe(true);
    const overUser = await q.consume(a, 'ip', 1);
    expect(overUser.allowed === false && overUser.error.details).toMatchObject({ limit: 'user' });
    expect((await q.consume(b, 'ip', 2)).allowed).toBe(true);
    const overTenant = await q.consume(b, 'ip', 1);
    expect(overTenant.allowed === false && overTenant.error.details).toMatchObject({ limit: 'tenant' });
    expect((await q.consume(user('c', 'zhejiang', 'zhejiang'), 'ip', 3)).allowed).toBe(true);
  });

  it('national users share their organisation quota; anonymous callers are counted by address', async () => {
    const q = limits();
    expect((await q.consume(user('m1', null, 'mofcom'), 'ip', 3)).allowed).toBe(true);
    expect((await q.consume(user('m2', null, 'mofcom'), 'ip', 3)).allowed).toBe(false);
    expect((await q.consume(null, '10.0.0.1', 2)).allowed).toBe(true);
    const over = await q.consume(null, '10.0.0.1', 1);
    expect(over.allowed === false && over.retryAfterSeconds).toBeGreaterThan(0);
    expect((await q.consume(null, '10.0.0.2', 1)).allowed).toBe(true);
  });
});
