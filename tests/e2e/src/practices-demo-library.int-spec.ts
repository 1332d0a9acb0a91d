import { demoCases, seedDemoLibrary } from '@tradepilot/local-stack';
import { eventually, startTestStack, testUserPassword, type TestStack } from '@tradepilot/test-stack';
import { signIn } from './test/gateway-client';

jest.setTimeout(180_000);

/**
 * npm start's demo library (tools/dev-stack): seeded through the gateway with the demo users and
 * the real flow, so the search and the matrix show something; a second start leaves it alone.
 */
describe("npm start's demo library of exemplary practices", () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ apps: ['approvals', 'practices', 'gateway'] });
  }, 300_000);
  afterAll(async () => {
    await stack?.close();
  });

  it('publishes batch 1 of illustrative cases with a few adoptions, once', async () => {
    const seeded = await seedDemoLibrary({ gatewayUrl: stack.gatewayUrl, password: testUserPassword });
    expect(seeded).toMatchObject({ seeded: true, practices: demoCases.length, adoptions: 3 });

    const reader = await signIn(stack, 'shenzhen-officer');
    const [batch, ...others] = await reader.trpc.library.batches.query();
    expect(others).toEqual([]);
    expect(batch).toMatchObject({ number: 1, status: 'published', illustrative: true });
    const cases = await reader.trpc.library.list.query({});
    expect(cases).toHaveLength(demoCases.length);
    expect(cases.every((c) => c.illustrative)).toBe(true);
    expect(new Set(cases.map((c) => c.province)).size).toBe(demoCases.length);

    const found = await eventually(
      async () => {
        const result = await reader.trpc.library.search.query({ text: '跨境数据' });
        return result.total > 0 && result;
      },
      { description: 'the demo cases in the search index' },
    );
    expect(found.hits[0]?.practice.title['zh-CN']).toBe('跨境数据流动白名单制度');

    const ministry = await signIn(stack, 'mofcom-officer');
    const matrix = await eventually(
      async () => {
        const m = await ministry.trpc.adoption.matrix.query({});
        return m.rows.reduce((n, r) => n + r.provinces.length, 0) === 3 && m;
      },
      { description: 'the demo adoptions in the matrix' },
    );
    const whitelist = matrix.rows.find((r) => r.title['zh-CN'] === '跨境数据流动白名单制度');
    expect(whitelist?.provinces).toEqual([
      { province: 'jiangsu', status: 'in-progress', adoptions: 1 },
      { province: 'shandong', status: 'adopted', adoptions: 1 },
    ]);

    expect(await seedDemoLibrary({ gatewayUrl: stack.gatewayUrl, password: testUserPassword })).toEqual({
      seeded: false,
      reason: 'the library already has batches',
    });
    expect(await ministry.trpc.batch.list.query()).toHaveLength(1);
  });
});
