import { startTestStack, type TestStack } from '@tradepilot/test-stack';
import { devLogin, expectBilingualError, http, trpcBatch, trpcCall, trpcError } from './test/gateway-http';

/** Quotas small enough to reach, in a window long enough that no call falls into the next one. */
describe('gateway quotas per user and per tenant', () => {
  let stack: TestStack;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    stack = await startTestStack({
      apps: ['plans', 'gateway'],
      appEnv: {
        gateway: {
          RATE_LIMIT_USER_CALLS: '5',
          RATE_LIMIT_TENANT_CALLS: '8',
          RATE_LIMIT_ANONYMOUS_CALLS: '50',
          RATE_LIMIT_WINDOW_S: '120',
        },
      },
    });
    for (const user of [
      'guangzhou-officer',
      'shenzhen-officer',
      'guangdong-province',
      'zhejiang-province',
      'hangzhou-officer',
    ])
      tokens[user] = (await devLogin(stack, user)).accessToken;
  });
  afterAll(() => stack?.close());

  const list = (user: string) => trpcCall(stack, tokens[user], 'plan.list', 'query', {});

  it('a user past their quota gets 429 with Retry-After; others of the province go on', async () => {
    for (let i = 0; i < 5; i += 1) expect((await list('guangzhou-officer')).status).toBe(200);
    const limited = await list('guangzhou-officer');
    expect(limited.status).toBe(429);
    expect(trpcError(limited)?.data).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      appCode: 'RATE_LIMITED',
      details: { limit: 'user' },
    });
    expectBilingualError(trpcError(limited)?.data);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await list('shenzhen-officer')).status).toBe(200);
  });

  it('a province past its quota gets 429 for every user of it; other provinces are not affected', async () => {
    // 5 (guangzhou) + 1 (shenzhen) so far; the province has 8
    expect((await list('shenzhen-officer')).status).toBe(200);
    expect((await list('guangdong-province')).status).toBe(200);
    const limited = await list('guangdong-province');
    expect(limited.status).toBe(429);
    expect(trpcError(limited)?.data).toMatchObject({ appCode: 'RATE_LIMITED', details: { limit: 'tenant' } });
    const rest = await http(`${stack.gatewayUrl}/api/plan/list`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens['shenzhen-officer']}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(rest.status).toBe(429);
    expect((rest.body as { error: { appCode: string } }).error.appCode).toBe('RATE_LIMITED');
    expect((await list('zhejiang-province')).status).toBe(200);
  });

  it('every call of a batch counts', async () => {
    const batch = await trpcBatch(
      stack,
      tokens['hangzhou-officer'],
      'query',
      Array.from({ length: 6 }, () => ({ path: 'plan.list', input: {} })),
    );
    expect(batch.status).toBe(429);
    expect((batch.body as unknown[]).length).toBe(6);
  });
});
