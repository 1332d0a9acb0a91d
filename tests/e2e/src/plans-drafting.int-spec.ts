import { startTestStack, type TestStack } from '@tradepilot/test-stack';
import { TRPCClientError } from '@trpc/client';
import { signIn, type GatewayClient } from './test/gateway-client';
import { measureCsv } from './test/measure-csv';
import { testPeriod } from './test/plan-drafting';

const errorData = (e: unknown) => {
  expect(e).toBeInstanceOf(TRPCClientError);
  return (e as TRPCClientError<never>).data as unknown as Record<string, unknown>;
};

const task = (id: string, measureIds: string[]) => ({
  id,
  measureIds,
  description: `任务 ${id}`,
  leadUnit: '市商务局',
  supportingUnits: [],
  milestones: [{ title: '启动', due: '2026-06-30' }],
  kpis: [{ name: '服务贸易额', unit: '亿元', baseline: 10, target: 12, due: '2026-12-31' }],
  keyProgram: false,
});

describe('joint drafting and two-party sign-off through the gateway', () => {
  let stack: TestStack;
  let province: GatewayClient;
  let area: GatewayClient;

  beforeAll(async () => {
    stack = await startTestStack({ apps: ['plans', 'gateway'] });
    const ministry = await signIn(stack, 'mofcom-officer');
    await ministry.trpc.measure.import.mutate({
      format: 'csv',
      content: measureCsv([
        'D-1,facilitation,便利措施,,,shenzhen;guangzhou;beijing,false,active,false',
        'D-2,policy,政策措施,,,shenzhen;beijing,false,active,false',
        'D-3,policy,仅北京,,,beijing,false,active,false',
      ]),
    });
    province = await signIn(stack, 'guangdong-province');
    area = await signIn(stack, 'shenzhen-officer');
  });
  afterAll(() => stack?.close());

  let planId: string;

  it('refuses bad input naming the field in both languages, and writes nothing', async () => {
    const bad = await province.trpc.plan.create
      .mutate({
        pilotAreaId: 'shenzhen',
        title: { 'zh-CN': '深圳方案', en: '' },
        tasks: [task('t1', ['D-3'])],
      })
      .catch((e: unknown) => e);
    expect(errorData(bad)).toMatchObject({
      code: 'BAD_REQUEST',
      appCode: 'MEASURE_NOT_APPLICABLE',
      details: { issues: [{ path: 'tasks.0.measureIds.0', code: 'MEASURE_NOT_APPLICABLE' }] },
    });
    const messages = errorData(bad)['messages'] as { 'zh-CN': string; en: string };
    expect(messages['zh-CN']).toContain('tasks.0.measureIds.0');
    expect(messages.en).toContain('does not apply to pilot area shenzhen');

    const strict = await province.trpc.plan.create
      .mutate({ pilotAreaId: 'shenzhen', title: { 'zh-CN': '深圳方案', en: '', extra: 'x' } } as never)
      .catch((e: unknown) => e);
    expect(errorData(strict)).toMatchObject({
      appCode: 'VALIDATION_FAILED',
      issues: [{ path: 'title', code: 'unrecognized_keys' }],
    });
    expect(await province.trpc.plan.list.query({})).toEqual({ items: [], nextCursor: null });
  });

  it('lets the pilot area and the province draft one plan together; one plan per area', async () => {
    const draft = await area.trpc.plan.create.mutate({
      pilotAreaId: 'shenzhen',
      title: { 'zh-CN': '深圳市服务贸易创新发展试点实施方案', en: 'Shenzhen plan' },
      tasks: [task('t1', ['D-1'])],
    });
    planId = draft.id;
    expect(draft).toMatchObject({
      status: 'drafting',
      version: 1,
      missingSignOffs: ['pilot-area', 'province'],
    });
    const second = await province.trpc.plan.create
      .mutate({ pilotAreaId: 'shenzhen', title: { 'zh-CN': '第二个', en: '' } })
      .catch((e: unknown) => e);
    expect(errorData(second)).toMatchObject({ code: 'CONFLICT', appCode: 'PLAN_ALREADY_EXISTS' });
    const otherArea = await area.trpc.plan.create
      .mutate({ pilotAreaId: 'guangzhou', title: { 'zh-CN': '广州', en: '' } })
      .catch((e: unknown) => e);
    expect(errorData(otherArea)).toMatchObject({ code: 'FORBIDDEN', appCode: 'NOT_YOUR_PILOT_AREA' });
  });

  it('two officers saving at once: one wins, the other is told who saved and when, nothing overwritten', async () => {
    const { version } = await province.trpc.plan.get.query({ planId });
    const results = await Promise.allSettled([
      area.trpc.plan.save.mutate({ planId, version, title: { 'zh-CN': '试点地区的标题', en: 'area' } }),
      province.trpc.plan.save.mutate({ planId, version, title: { 'zh-CN': '省里的标题', en: 'province' } }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winner = (
      won[0] as PromiseFulfilledResult<{
        title: { en: string };
        updatedBy: string;
        updatedAt: string;
        version: number;
      }>
    ).value;
    expect(winner.version).toBe(version + 1);
    const conflict = errorData(lost[0]?.reason);
    expect(conflict).toMatchObject({
      code: 'CONFLICT',
      appCode: 'VERSION_CONFLICT',
      details: {
        expectedVersion: version,
        currentVersion: version + 1,
        savedBy: winner.updatedBy,
        savedAt: winner.updatedAt,
      },
    });
    expect((conflict['messages'] as { 'zh-CN': string })['zh-CN']).toContain(winner.updatedBy);
    const stored = await province.trpc.plan.get.query({ planId });
    expect(stored).toMatchObject({ version: version + 1, title: winner.title });
  });

  it('needs both sign-offs; an edit after a sign-off clears them; uncovered measures need explanations', async () => {
    let plan = await province.trpc.plan.save.mutate({
      planId,
      version: (await province.trpc.plan.get.query({ planId })).version,
      period: testPeriod,
    });
    plan = await area.trpc.plan.sign.mutate({ planId, version: plan.version });
    expect(plan.missingSignOffs).toEqual(['province']);
    const notYet = await province.trpc.plan.submit
      .mutate({ planId, version: plan.version })
      .catch((e: unknown) => e);
    expect(errorData(notYet)).toMatchObject({
      appCode: 'SIGN_OFF_MISSING',
      details: { missingParties: ['province'] },
    });
    const twice = await area.trpc.plan.sign
      .mutate({ planId, version: plan.version })
      .catch((e: unknown) => e);
    expect(errorData(twice)).toMatchObject({ appCode: 'ALREADY_SIGNED' });

    plan = await province.trpc.plan.save.mutate({
      planId,
      version: plan.version,
      tasks: [task('t1', ['D-1']), task('t2', ['D-1'])],
    });
    expect(plan.missingSignOffs).toEqual(['pilot-area', 'province']);

    plan = await area.trpc.plan.sign.mutate({ planId, version: plan.version });
    plan = await province.trpc.plan.sign.mutate({ planId, version: plan.version });
    expect(plan.missingSignOffs).toEqual([]);
    const unexplained = await province.trpc.plan.submit
      .mutate({ planId, version: plan.version })
      .catch((e: unknown) => e);
    expect(errorData(unexplained)).toMatchObject({
      code: 'CONFLICT',
      appCode: 'UNCOVERED_MEASURES_UNEXPLAINED',
      details: { measureIds: ['D-2'] },
    });
    const coverage = await area.trpc.plan.coverage.query({ planId });
    expect(coverage).toMatchObject({ applicable: 2, covered: 1, percent: 50, unexplained: ['D-2'] });

    plan = await area.trpc.plan.save.mutate({
      planId,
      version: plan.version,
      coverageExplanations: [{ measureId: 'D-2', explanation: '本地区已由其他专项方案覆盖' }],
    });
    plan = await area.trpc.plan.sign.mutate({ planId, version: plan.version });
    plan = await province.trpc.plan.sign.mutate({ planId, version: plan.version });
    const submitted = await province.trpc.plan.submit.mutate({ planId, version: plan.version });
    expect(submitted).toMatchObject({ status: 'submitted', submission: 1, readOnly: true, signOffs: [] });
    const locked = await area.trpc.plan.save
      .mutate({ planId, version: submitted.version, title: { 'zh-CN': '改', en: '' } })
      .catch((e: unknown) => e);
    expect(errorData(locked)).toMatchObject({
      appCode: 'ILLEGAL_TRANSITION',
      details: { currentStatus: 'submitted' },
    });
    expect((errorData(locked)['messages'] as { 'zh-CN': string })['zh-CN']).toContain('已提交');
  });

  it('a dual-role government signs once for both parties', async () => {
    const beijing = await signIn(stack, 'beijing-officer');
    const draft = await beijing.trpc.plan.create.mutate({
      pilotAreaId: 'beijing',
      title: { 'zh-CN': '北京市实施方案', en: 'Beijing plan' },
      period: testPeriod,
      tasks: [task('t1', ['D-1', 'D-2', 'D-3'])],
    });
    const signed = await beijing.trpc.plan.sign.mutate({ planId: draft.id, version: draft.version });
    expect(signed.missingSignOffs).toEqual([]);
    expect(signed.signOffs).toEqual([
      expect.objectContaining({ userId: 'beijing-officer', parties: ['pilot-area', 'province'] }),
    ]);
    const again = await beijing.trpc.plan.sign
      .mutate({ planId: draft.id, version: signed.version })
      .catch((e: unknown) => e);
    expect(errorData(again)).toMatchObject({ appCode: 'ALREADY_SIGNED' });
    const submitted = await beijing.trpc.plan.submit.mutate({ planId: draft.id, version: signed.version });
    expect(submitted.status).toBe('submitted');
    const audit = await beijing.trpc.plan.audit.query({ planId: draft.id });
    expect(audit.entries.map((e) => e.action)).toEqual(['submitted', 'signed', 'created']);
  });
});
