import { eventually, startTestStack, type TestStack, untilPasses } from '@tradepilot/test-stack';
import { TRPCClientError } from '@trpc/client';
import { sampleTask, signIn, type GatewayClient } from './test/gateway-client';
import { measureCsv } from './test/measure-csv';
import { signedDraft } from './test/plan-drafting';

describe('supervision follows a plan the ministry approved, through the gateway', () => {
  let stack: TestStack;
  let province: GatewayClient;
  let ministry: GatewayClient;

  beforeAll(async () => {
    stack = await startTestStack({ apps: ['plans', 'approvals', 'supervision', 'gateway'] });
    province = await signIn(stack, 'guangdong-province');
    ministry = await signIn(stack, 'mofcom-officer');
    await ministry.trpc.measure.import.mutate({
      format: 'csv',
      content: measureCsv(['M-3-02,facilitation,推进服务贸易数字化,,,guangzhou,false,active,false']),
    });
  });
  afterAll(() => stack?.close());

  it('plan approved → the pilot area sees the tasks, milestones and KPIs it now reports on; the ministry sees it nationally', async () => {
    const draft = await signedDraft(stack, province, {
      pilotAreaId: 'guangzhou',
      round: 2020,
      title: { 'zh-CN': '广州市服务贸易创新发展试点实施方案', en: 'Guangzhou implementation plan' },
      tasks: [sampleTask],
    });
    await province.trpc.plan.submit.mutate({ planId: draft.id, version: draft.version });
    const opened = await eventually(
      async () => (await ministry.trpc.case.listOpen.query({})).find((c) => c.subject.id === draft.id),
      { description: 'the ministry sees the case' },
    );
    await ministry.trpc.case.decide.mutate({ caseId: opened.id, decision: 'approve', version: 1 });

    const area = await signIn(stack, 'guangzhou-officer');
    const inForce = await eventually(
      () => area.trpc.supervisedPlan.get.query({ pilotAreaId: 'guangzhou' }).catch(() => undefined),
      { description: 'supervision has the plan in force' },
    );
    expect(inForce).toMatchObject({ planId: draft.id, round: 2020, status: 'approved' });
    expect(inForce.inForce.tasks).toEqual([sampleTask]);
    expect(inForce.inForce.measureIds).toEqual(['M-3-02']);

    // the overview answers without a part whose service is slow (status unavailable), and the
    // national row is written after the area's plan read above, then read up to
    // NATIONAL_READS_STALENESS_MS behind: ask again until the whole part holds
    await untilPasses(
      async () => {
        const part = (await ministry.trpc.national.overview.query({})).parts.find(
          (p) => p.service === 'supervision',
        );
        expect(part).toMatchObject({
          status: 'available',
          procedure: 'implementation.nationalSummary',
          summary: { round: 2020, underSupervision: 1, byPlanStatus: { approved: 1 } },
        });
      },
      {
        description: "supervision's part of the national overview, counting the plan in force",
        intervalMs: 500,
      },
    );
  });

  it('a key issue passed up to a department reaches only its liaison, on the record; the overview counts it; the liaison answers', async () => {
    const area = await signIn(stack, 'guangzhou-officer');
    const raised = await area.trpc.keyIssue.raise.mutate({
      pilotAreaId: 'guangzhou',
      category: 'cross-department-coordination',
      title: { 'zh-CN': '数字服务出口需跨部门协调', en: 'Digital service exports need coordination' },
      description: { 'zh-CN': '跨境数据与外汇结算需多部门协同', en: '' },
      taskIds: ['t1'],
    });
    const atMinistry = await province.trpc.keyIssue.passUp.mutate({
      keyIssueId: raised.keyIssueId,
      version: raised.version,
      reason: '超出省级权限',
    });
    // the sample catalog names no department for M-3-02: the ministry names SAFE itself
    await ministry.trpc.keyIssue.ministryPassUp.mutate({
      keyIssueId: raised.keyIssueId,
      version: atMinistry.version,
      reason: '请国家外汇管理局答复',
      departmentIds: ['safe'],
    });
    const safe = await signIn(stack, 'safe-liaison');
    await eventually(
      async () =>
        (await safe.trpc.keyIssue.departmentInbox.query({})).some((i) => i.keyIssueId === raised.keyIssueId),
      { description: "the issue in SAFE's inbox" },
    );
    const mct = await signIn(stack, 'mct-liaison');
    expect(await mct.trpc.keyIssue.departmentInbox.query({ held: 'ever' })).toEqual([]);
    const record = await ministry.trpc.audit.crossProvinceCalls.query({
      procedure: 'keyIssue.departmentInbox',
      limit: 5,
    });
    expect(record.map((r) => [r.userId, r.kind])).toEqual(
      expect.arrayContaining([
        ['safe-liaison', 'cross-province-read'],
        ['mct-liaison', 'cross-province-read'],
      ]),
    );
    // the national dashboards may answer up to NATIONAL_READS_STALENESS_MS (1 s) behind their
    // projections: the count shows within that, not necessarily at the inbox's first sight of it
    const overview = await eventually(
      async () => {
        const read = await ministry.trpc.national.overview.query({});
        const part = read.parts.find((p) => p.service === 'supervision') as
          | { summary?: { openKeyIssues?: { open?: number } } }
          | undefined;
        return part?.summary?.openKeyIssues?.open === 1 && read;
      },
      { description: "the overview counting SAFE's key issue" },
    );
    expect(overview.parts.find((p) => p.service === 'supervision')).toMatchObject({
      summary: { openKeyIssues: { open: 1, byHolder: { department: 1 } } },
    });

    // SAFE's liaison answers; the area that raised it reads the answer
    const held = await safe.trpc.keyIssue.departmentGet.query({ keyIssueId: raised.keyIssueId });
    await safe.trpc.keyIssue.departmentAnswer.mutate({
      keyIssueId: raised.keyIssueId,
      version: held.version,
      answer: '跨境数据相关外汇结算按现行便利化政策办理',
    });
    const answered = await area.trpc.keyIssue.get.query({ keyIssueId: raised.keyIssueId });
    expect(answered.status).toBe('answered');
  });

  it("another province's officer finds nothing: NOT_FOUND from supervision_<their province>", async () => {
    const zhejiang = await signIn(stack, 'zhejiang-province');
    const error = await zhejiang.trpc.supervisedPlan.get
      .query({ pilotAreaId: 'guangzhou' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<never>).data).toMatchObject({
      code: 'NOT_FOUND',
      appCode: 'PILOT_AREA_NOT_FOUND',
    });
    expect(await zhejiang.trpc.supervisedPlan.list.query({})).toEqual([]);
  });
});
