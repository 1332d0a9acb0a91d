import { eventually, startTestStack, testUserPassword, type TestStack } from '@tradepilot/test-stack';
import { TRPCClientError } from '@trpc/client';
import { gatewayClient, sampleTask, signIn, type GatewayClient } from './test/gateway-client';
import { measureCsv } from './test/measure-csv';
import { signedDraft } from './test/plan-drafting';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const secondTask = {
  ...sampleTask,
  id: 't2',
  measureIds: ['M-3-03'],
  description: '建设服务贸易公共服务平台',
  keyProgram: false,
};

const appCode = async (call: Promise<unknown>) => {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCClientError);
  return (error as TRPCClientError<never>).data as unknown as { code: string; appCode: string };
};

/**
 * The reporting cycle through the gateway, on the real apps: a plan approved, a period open, the
 * pilot area drafts (one task with evidence, one "nothing to report") and submits, the province
 * returns it through the approvals inbox, the area resubmits, the province accepts; and in a
 * dual-role government the ministry reviews instead of the province (the chain's data says so).
 * Each acceptance moves the area's implementation rate and the national one.
 */
describe('progress reports through the gateway', () => {
  let stack: TestStack;
  let ministry: GatewayClient;
  // a period around today, so the scheduler opens it at once whatever day the suite runs
  const periodId = '2020-P1';

  beforeAll(async () => {
    stack = await startTestStack({
      apps: ['plans', 'approvals', 'supervision', 'gateway'],
      appEnv: { supervision: { SCHEDULER_POLL_MS: '200' } },
    });
    ministry = await signIn(stack, 'mofcom-officer');
    await ministry.trpc.measure.import.mutate({
      format: 'csv',
      content: measureCsv([
        'M-3-02,facilitation,推进服务贸易数字化,,,guangzhou;hainan,false,active,false',
        'M-3-03,facilitation,建设公共服务平台,,,guangzhou;hainan,false,active,false',
      ]),
    });
    await ministry.trpc.reportingSchedule.save.mutate({
      round: 2020,
      frequency: 'custom',
      from: day(-10),
      to: day(30),
      customPeriods: [{ start: day(-10), end: day(30), label: { 'zh-CN': '本期', en: 'This period' } }],
      dueWorkingDays: 5,
      reminderWorkingDaysBefore: 2,
      version: 0,
    });
  });
  afterAll(() => stack?.close());

  /** Drafts, signs, submits and approves a plan of two tasks (the ministry approves from its case). */
  const approvedPlan = async (provinceUser: string, pilotAreaId: string) => {
    const province = await signIn(stack, provinceUser);
    const draft = await signedDraft(stack, province, {
      pilotAreaId,
      round: 2020,
      title: { 'zh-CN': `${pilotAreaId} 实施方案`, en: `${pilotAreaId} implementation plan` },
      tasks: [sampleTask, secondTask],
    });
    await province.trpc.plan.submit.mutate({ planId: draft.id, version: draft.version });
    const opened = await eventually(
      async () => (await ministry.trpc.case.listOpen.query({})).find((c) => c.subject.id === draft.id),
      { description: `the ministry sees ${pilotAreaId}'s plan case` },
    );
    await ministry.trpc.case.decide.mutate({ caseId: opened.id, decision: 'approve', version: 1 });
  };

  const upload = async (username: string) => {
    const { accessToken } = await gatewayClient(stack).trpc.auth.devLogin.mutate({
      username,
      password: testUserPassword,
    });
    const form = new FormData();
    form.append('file', new Blob([pdf]), '佐证材料.pdf');
    const answer = await fetch(`${stack.gatewayUrl}/attachments/supervision`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}` },
      body: form,
    });
    expect(answer.status).toBe(201);
    return { id: ((await answer.json()) as { attachment: { id: string } }).attachment.id, accessToken };
  };

  /** The area reports t1 with evidence and t2 as "nothing to report", then submits. */
  const draftAndSubmit = async (areaUser: string, pilotAreaId: string) => {
    const area = await signIn(stack, areaUser);
    const key = { pilotAreaId, periodId };
    await eventually(
      () =>
        area.trpc.report.get
          .query(key)
          .then((r) => r.tasks.length === 2)
          .catch(() => false),
      { description: 'the period is open and the plan in force reached supervision' },
    );
    const evidence = await upload(areaUser);
    const saved = await area.trpc.report.save.mutate({
      ...key,
      version: 0,
      entries: [
        {
          taskId: 't1',
          status: 'in_progress',
          narrative: '数字服务出口平台已试运行',
          kpiActuals: [{ name: '数字服务出口额', actual: 112 }],
          milestonesDone: ['出台方案'],
          attachmentIds: [evidence.id],
        },
        { taskId: 't2', nothingToReport: { reason: '平台建设尚在立项，本期无进展' } },
      ],
    });
    const submitted = await area.trpc.report.submit.mutate({ ...key, version: saved.version });
    expect(submitted).toMatchObject({
      status: 'submitted',
      submission: 1,
      timeliness: { status: 'on_time' },
    });
    return { area, key, evidence, reportId: submitted.reportId };
  };

  const reportCase = async (reviewer: GatewayClient, reportId: string, submission: number) =>
    eventually(
      async () =>
        (await reviewer.trpc.case.inbox.query({ caseTypes: ['report'] })).items.find(
          (i) => i.subject.id === reportId && i.subject.version === submission,
        ),
      { description: `the reviewer's inbox holds submission ${submission} of ${reportId}` },
    );

  it('plan approved → period open → the area submits → the province returns it → resubmitted → accepted', async () => {
    await approvedPlan('guangdong-province', 'guangzhou');
    const { area, key, evidence, reportId } = await draftAndSubmit('guangzhou-officer', 'guangzhou');
    const province = await signIn(stack, 'guangdong-province');

    // the province reads the evidence through the gateway; another province does not
    const file = await fetch(`${stack.gatewayUrl}/attachments/supervision/guangdong/${evidence.id}`, {
      headers: { authorization: `Bearer ${evidence.accessToken}` },
    });
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(pdf)).toBe(true);
    const zhejiang = await gatewayClient(stack).trpc.auth.devLogin.mutate({
      username: 'zhejiang-province',
      password: testUserPassword,
    });
    const refused = await fetch(`${stack.gatewayUrl}/attachments/supervision/guangdong/${evidence.id}`, {
      headers: { authorization: `Bearer ${zhejiang.accessToken}` },
    });
    expect(refused.status).toBe(404);

    const first = await reportCase(province, reportId, 1);
    await province.trpc.case.decide.mutate({
      caseId: first.caseId,
      decision: 'return',
      reason: '请补充 t1 的指标口径说明',
      version: first.version,
    });
    const returned = await eventually(
      async () => {
        const report = await area.trpc.report.get.query(key);
        return report.status === 'returned' && report;
      },
      { description: 'the return reopened the draft' },
    );
    expect(returned.returnReason).toBe('请补充 t1 的指标口径说明');

    const fixed = await area.trpc.report.save.mutate({
      ...key,
      version: returned.version,
      entries: [
        {
          taskId: 't1',
          status: 'implemented',
          narrative: '数字服务出口平台已上线；指标按海关口径统计',
          kpiActuals: [{ name: '数字服务出口额', actual: 112 }],
          milestonesDone: ['出台方案'],
          attachmentIds: [evidence.id],
        },
      ],
    });
    await area.trpc.report.submit.mutate({ ...key, version: fixed.version });
    const second = await reportCase(province, reportId, 2);
    await province.trpc.case.decide.mutate({
      caseId: second.caseId,
      decision: 'approve',
      version: second.version,
    });
    const accepted = await eventually(
      async () => {
        const report = await area.trpc.report.get.query(key);
        return report.status === 'accepted' && report;
      },
      { description: 'the acceptance reached the report' },
    );
    expect(accepted).toMatchObject({ submission: 2, timeliness: { status: 'on_time', daysLate: 0 } });
    expect(accepted.tasks[1]?.entry).toMatchObject({ nothingToReport: true });

    const timeliness = await province.trpc.report.timeliness.query({ round: 2020 });
    expect(timeliness.periods[0]?.areas).toContainEqual({
      pilotAreaId: 'guangzhou',
      status: 'on_time',
      daysLate: 0,
      reportStatus: 'accepted',
    });
    // another province's officer finds nothing
    const other = await signIn(stack, 'zhejiang-province');
    expect(await appCode(other.trpc.report.get.query(key))).toMatchObject({ code: 'NOT_FOUND' });

    // t1 implemented (M-3-02), t2 nothing to report (M-3-03 not yet): the rate moves to 50 %
    const rate = await eventually(
      async () => {
        const read = await area.trpc.implementation.rate.query({});
        return read.periods[0]?.totals.rate === 50 && read;
      },
      { description: "guangzhou's implementation rate moved" },
    );
    expect(rate.periods[0]?.pilotAreas).toEqual([
      {
        province: 'guangdong',
        pilotAreaId: 'guangzhou',
        applicable: 2,
        implemented: 1,
        notPlanned: 0,
        rate: 50,
      },
    ]);
    // the national row is written after the area's, and the ministry's reads may answer up to
    // NATIONAL_READS_STALENESS_MS behind it: read until it shows
    const national = await eventually(
      async () => {
        const read = await ministry.trpc.implementation.nationalRate.query({ round: 2020 });
        return read.periods[0]?.totals.rate === 50 && read;
      },
      { description: 'the national rate moved' },
    );
    expect(national.periods[0]?.totals).toEqual({ applicable: 2, implemented: 1, notPlanned: 0, rate: 50 });
  });

  it('in a dual-role government the ministry reviews the report, not the province', async () => {
    await approvedPlan('hainan-officer', 'hainan');
    const { area, key, reportId } = await draftAndSubmit('hainan-officer', 'hainan');
    const opened = await reportCase(ministry, reportId, 1);
    expect(opened.mayApprove).toBe(true);
    // the one government of Hainan does not review its own report
    const own = await area.trpc.case.inbox.query({ caseTypes: ['report'] });
    expect(own.items.find((i) => i.subject.id === reportId)).toBeUndefined();
    await ministry.trpc.case.decide.mutate({
      caseId: opened.caseId,
      decision: 'approve',
      version: opened.version,
    });
    await eventually(async () => (await area.trpc.report.get.query(key)).status === 'accepted', {
      description: 'the ministry accepted Hainan’s report',
    });
    const national = await eventually(
      async () => {
        const read = await ministry.trpc.report.nationalTimeliness.query({ round: 2020 });
        return read.periods[0]?.totals.onTime === 2 && read;
      },
      { description: 'the national timeliness counts both reports' },
    );
    expect(national.periods[0]?.provinces.map((p) => p.province)).toEqual(['guangdong', 'hainan']);

    // Hainan implemented nothing yet: the national rate falls to 1 of 4, in the overview too
    const overview = await eventually(
      async () => {
        const read = await ministry.trpc.national.overview.query({});
        const part = read.parts.find((p) => p.service === 'supervision');
        const summary = (part?.status === 'available' ? part.summary : undefined) as
          | { implementationRate: { rate: number | null; areas: number }; lateReports: { late: number } }
          | undefined;
        return summary?.implementationRate.areas === 2 && summary;
      },
      { description: 'the national overview counts both areas' },
    );
    expect(overview.implementationRate.rate).toBe(25);
    expect(overview.lateReports).toEqual({ late: 0, daysLate: 0, missing: 0 });
  });
});
