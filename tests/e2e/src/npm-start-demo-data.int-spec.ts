import { demoCases, seedDemoLibrary, seedDemoSupervision } from '@tradepilot/local-stack';
import {
  eventually,
  patientDeadlines,
  startTestStack,
  type TestStack,
  testUserPassword,
  untilPasses,
} from '@tradepilot/test-stack';
import { signIn } from './test/gateway-client';

// each seeding step may wait up to 90 s for the events it depends on (DemoGateway)
jest.setTimeout(400_000);

/**
 * npm start's demo data (tools/dev-stack): seeded through the gateway with the demo users and
 * the real flows, so a newcomer sees a living program (search, matrices, an open period, a key
 * issue); a second start leaves it alone.
 */
describe("npm start's demo data", () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({
      apps: ['plans', 'approvals', 'supervision', 'practices', 'gateway'],
      // as npm start: the illustrative measures catalog
      // this file is about the data, not latency
      env: patientDeadlines,
      appEnv: { plans: { SAMPLE_CATALOG: 'if-empty' }, supervision: { SCHEDULER_POLL_MS: '500' } },
    });
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
    // an adoption's later stages arrive by their own events: wait for the whole expected row
    await untilPasses(
      async () => {
        const m = await ministry.trpc.adoption.matrix.query({});
        expect(m.rows.reduce((n, r) => n + r.provinces.length, 0)).toBe(3);
        const whitelist = m.rows.find((r) => r.title['zh-CN'] === '跨境数据流动白名单制度');
        expect(whitelist?.provinces).toEqual([
          { province: 'jiangsu', status: 'in-progress', adoptions: 1 },
          { province: 'shandong', status: 'adopted', adoptions: 1 },
        ]);
      },
      { description: 'the demo adoptions in the matrix, at their seeded stages' },
    );

    expect(await seedDemoLibrary({ gatewayUrl: stack.gatewayUrl, password: testUserPassword })).toEqual({
      seeded: false,
      reason: 'the library already has batches',
    });
    expect(await ministry.trpc.batch.list.query()).toHaveLength(1);
  });

  it('supervision: approved plans, this quarter open, one report accepted and one awaiting review, a key issue at the ministry, once', async () => {
    const seeded = await seedDemoSupervision({ gatewayUrl: stack.gatewayUrl, password: testUserPassword });
    expect(seeded).toMatchObject({ seeded: true, round: 2020, plans: 3, reports: 2 });
    if (!seeded.seeded) return;
    const key = { pilotAreaId: 'guangzhou', periodId: seeded.periodId };

    const guangzhou = await signIn(stack, 'guangzhou-officer');
    const accepted = await eventually(
      async () => {
        const report = await guangzhou.trpc.report.get.query(key);
        return report.status === 'accepted' && report;
      },
      { description: "Guangzhou's report accepted" },
    );
    expect(accepted.tasks.map((t) => t.entry?.taskId)).toEqual(['t1', 't2', 't3']);
    const hangzhou = await signIn(stack, 'hangzhou-officer');
    expect(
      (await hangzhou.trpc.report.get.query({ pilotAreaId: 'hangzhou', periodId: seeded.periodId })).status,
    ).toBe('submitted');

    // t1 implemented: Guangzhou's rate over its applicable measures of the sample catalog moves above 0
    const rate = await eventually(
      async () => {
        const read = await guangzhou.trpc.implementation.rate.query({});
        const period = read.periods.find((p) => p.periodId === seeded.periodId);
        return (period?.totals.implemented ?? 0) > 0 && period;
      },
      { description: "Guangzhou's implementation rate moved" },
    );
    expect(rate.totals.rate).toBeGreaterThan(0);

    const ministry = await signIn(stack, 'mofcom-officer');
    // the ministry's inbox is the national index, which follows the province's record by event
    await eventually(
      async () =>
        (await ministry.trpc.keyIssue.ministryInbox.query({})).some(
          (i) => i.keyIssueId === seeded.keyIssueId,
        ),
      { description: 'the key issue in the ministry inbox' },
    );
    const periods = await ministry.trpc.period.list.query({ round: 2020 });
    expect(periods.periods.find((p) => p.periodId === seeded.periodId)?.stage).not.toBe('scheduled');

    expect(await seedDemoSupervision({ gatewayUrl: stack.gatewayUrl, password: testUserPassword })).toEqual({
      seeded: false,
      reason: 'round 2020 already has a reporting schedule',
    });
  });
});
