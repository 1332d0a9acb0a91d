import { topics } from '@tradepilot/contracts';
import {
  EventRecorder,
  eventually,
  StackKafka,
  startTestStack,
  type TestStack,
} from '@tradepilot/test-stack';
import { TRPCClientError } from '@trpc/client';
import { signIn, type GatewayClient } from './test/gateway-client';
import { measureCsv } from './test/measure-csv';
import { testPeriod } from './test/plan-drafting';

const errorData = (e: unknown) => {
  expect(e).toBeInstanceOf(TRPCClientError);
  return (e as TRPCClientError<never>).data as unknown as Record<string, unknown>;
};

// measures without responsible departments for the tasks: the case goes straight to the ministry
const kpi = { name: '数字服务出口额', unit: '亿美元', baseline: 100, target: 130, due: '2026-12-31' };
const t1 = {
  id: 't1',
  measureIds: ['L-1'],
  description: '推进服务贸易数字化',
  leadUnit: '广州市商务局',
  supportingUnits: ['广州市发展改革委'],
  milestones: [{ title: '出台方案', due: '2026-06-30' }],
  kpis: [kpi],
  keyProgram: true,
};
const t2 = { ...t1, id: 't2', measureIds: ['L-2'], description: '培育服务贸易市场主体', keyProgram: false };

describe('an implementation plan from draft to amendment, through the gateway', () => {
  let stack: TestStack;
  let recorder: EventRecorder;
  let kafka: StackKafka;
  let province: GatewayClient;
  let area: GatewayClient;
  let ministry: GatewayClient;
  let planId: string;

  beforeAll(async () => {
    stack = await startTestStack({ apps: ['plans', 'approvals', 'gateway'] });
    recorder = new EventRecorder(stack.topicPrefix, stack.kafkaBrokers);
    await recorder.start([topics.plan, topics.approvalCase]);
    kafka = await StackKafka.connect(stack, 'e2e-plans');
    province = await signIn(stack, 'guangdong-province');
    area = await signIn(stack, 'guangzhou-officer');
    ministry = await signIn(stack, 'mofcom-officer');
    await ministry.trpc.measure.import.mutate({
      format: 'csv',
      content: measureCsv([
        'L-1,facilitation,推进服务贸易数字化,Digitalise trade in services,,guangzhou;shenzhen,false,active,false',
        'L-2,promotion,培育市场主体,Foster enterprises,,guangzhou,false,active,false',
        'L-3,policy,财政资金支持,Public funds,mofcom,guangzhou,false,active,false',
      ]),
    });
  });
  afterAll(async () => {
    await kafka?.close();
    await recorder?.stop();
    await stack?.close();
  });

  const current = () => province.trpc.plan.get.query({ planId });
  async function signByBoth() {
    const byArea = await area.trpc.plan.sign.mutate({ planId, version: (await current()).version });
    return province.trpc.plan.sign.mutate({ planId, version: byArea.version });
  }
  async function openCase(submission: number) {
    return eventually(
      async () =>
        (await ministry.trpc.case.listOpen.query({})).find(
          (c) => c.subject.id === planId && c.subject.version === submission,
        ),
      { description: `the ministry's case for submission ${submission}` },
    );
  }

  it('drafts, signs by both parties and submits; returned with a reason', async () => {
    const draft = await area.trpc.plan.create.mutate({
      pilotAreaId: 'guangzhou',
      title: { 'zh-CN': '广州市服务贸易创新发展试点实施方案', en: 'Guangzhou implementation plan' },
      period: testPeriod,
      tasks: [t1],
      coverageExplanations: [
        { measureId: 'L-2', explanation: '由市场主体培育专项另行安排' },
        { measureId: 'L-3', explanation: '资金政策由省级统筹' },
      ],
    });
    planId = draft.id;
    await signByBoth();
    const submitted = await province.trpc.plan.submit.mutate({ planId, version: (await current()).version });
    expect(submitted).toMatchObject({ status: 'submitted', submission: 1 });
    const event = await recorder.waitForEvent('plan.submitted.v1', (e) => e.key === planId);
    expect(event.envelope?.data).toMatchObject({
      submission: 1,
      responsibleDepartments: [],
      measureCoverage: { applicable: 3, covered: 1, percent: 33.3 },
    });

    const opened = await openCase(1);
    await ministry.trpc.case.decide.mutate({
      caseId: opened.id,
      decision: 'return',
      reason: '请将市场主体培育纳入任务',
      version: (await ministry.trpc.case.get.query({ caseId: opened.id })).version,
    });
    const returned = await eventually(async () => (await current()).status === 'returned' && current(), {
      description: 'the plan reads returned',
    });
    expect(returned).toMatchObject({ returnReason: '请将市场主体培育纳入任务', readOnly: false });
    await recorder.waitForEvent('plan.returned.v1', (e) => e.key === planId);
  });

  it('edits after the return; the diff against the returned version shows the change; resubmits; approved', async () => {
    const before = await current();
    const edited = await province.trpc.plan.save.mutate({
      planId,
      version: before.version,
      tasks: [{ ...t1, kpis: [{ ...kpi, target: 150 }] }, t2],
      coverageExplanations: [{ measureId: 'L-3', explanation: '资金政策由省级统筹' }],
    });
    expect(edited.status).toBe('drafting');

    const diff = await area.trpc.plan.diff.query({ planId, from: 1, to: 'draft' });
    expect(diff.tasksAdded.map((t) => t.id)).toEqual(['t2']);
    expect(diff.tasksRemoved).toEqual([]);
    expect(diff.tasksChanged).toEqual([
      { taskId: 't1', changes: [{ field: 'kpis', before: [kpi], after: [{ ...kpi, target: 150 }] }] },
    ]);
    expect(diff.fields.map((f) => f.field)).toEqual(['coverageExplanations']);
    // the reviewer sees the same difference
    const seenByMinistry = await ministry.trpc.plan.nationalDiff.query({
      province: 'guangdong',
      planId,
      from: 1,
      to: 'draft',
    });
    expect(seenByMinistry).toMatchObject({ province: 'guangdong', tasksChanged: diff.tasksChanged });

    await signByBoth();
    await province.trpc.plan.submit.mutate({ planId, version: (await current()).version });
    const opened = await openCase(2);
    await ministry.trpc.case.decide.mutate({
      caseId: opened.id,
      decision: 'approve',
      version: (await ministry.trpc.case.get.query({ caseId: opened.id })).version,
    });
    const approved = await eventually(async () => (await current()).status === 'approved' && current(), {
      description: 'the plan reads approved',
    });
    expect(approved).toMatchObject({ readOnly: true, inForce: { submission: 2 }, submission: 2 });
    const event = await recorder.waitForEvent('plan.approved.v1', (e) => e.key === planId);
    expect(event.envelope?.data).toMatchObject({
      submission: 2,
      status: 'approved',
      tasks: [{ id: 't1', kpis: [{ target: 150 }] }, { id: 't2' }],
      measureCoverage: { applicable: 3, covered: 2, percent: 66.7 },
      // the catalog's responsible departments per measure, which supervision routes key issues to
      measureDepartments: [
        { measureId: 'L-1', departmentIds: [] },
        { measureId: 'L-2', departmentIds: [] },
      ],
    });
    // what supervision measures the area against: the uncovered measure with the plan's explanation
    expect(event.envelope?.data['applicableMeasures']).toEqual([
      { measureId: 'L-1', taskGroupId: 'facilitation', responsibleDepartments: [], explanation: null },
      { measureId: 'L-2', taskGroupId: 'promotion', responsibleDepartments: [], explanation: null },
      {
        measureId: 'L-3',
        taskGroupId: 'policy',
        responsibleDepartments: ['mofcom'],
        explanation: '资金政策由省级统筹',
      },
    ]);
    const versions = await province.trpc.plan.versions.query({ planId });
    expect(versions.map((v) => [v.submission, v.outcome])).toEqual([
      [1, 'returned'],
      [2, 'approved'],
    ]);
    const frozen = await province.trpc.plan.getVersion.query({ planId, submission: 1 });
    expect(frozen.tasks.map((t) => t.id)).toEqual(['t1']);
  });

  it('an approved plan is read-only; a redelivered decision changes nothing', async () => {
    const approved = await current();
    const edit = await province.trpc.plan.save
      .mutate({ planId, version: approved.version, title: { 'zh-CN': '改标题', en: '' } })
      .catch((e: unknown) => e);
    expect(errorData(edit)).toMatchObject({
      appCode: 'ILLEGAL_TRANSITION',
      details: { currentStatus: 'approved' },
    });

    const decision = await recorder.waitForEvent(
      'approval.case_completed.v1',
      (e) =>
        (e.envelope?.data['subject'] as { id: string; version: number }).id === planId &&
        e.envelope?.data['outcome'] === 'approved',
    );
    const planEventsBefore = recorder.events.filter(
      (e) => e.key === planId && e.topic === topics.plan,
    ).length;
    await kafka.redeliver(decision);
    const copy = await eventually(
      () => recorder.events.find((e) => e.raw === decision.raw && e.offset !== decision.offset),
      { description: 'the redelivered decision on the topic' },
    );
    await eventually(() => kafka.consumedPast('plans', copy), { description: 'plans consumed the copy' });
    expect(await current()).toEqual(approved);
    expect(recorder.events.filter((e) => e.key === planId && e.topic === topics.plan)).toHaveLength(
      planEventsBefore,
    );
  });

  it('an amendment drafts again while the approved version stays in force', async () => {
    const approved = await current();
    const amending = await province.trpc.plan.startAmendment.mutate({
      planId,
      version: approved.version,
      reason: '增加跨境数据流动任务',
    });
    expect(amending).toMatchObject({
      status: 'drafting',
      readOnly: false,
      inForce: { submission: 2 },
      amendment: { reason: '增加跨境数据流动任务' },
      missingSignOffs: ['pilot-area', 'province'],
    });
    await recorder.waitForEvent('plan.amendment_started.v1', (e) => e.key === planId);
    const row = await eventually(
      async () => {
        const [found] = await ministry.trpc.plan.nationalList.query({
          province: 'guangdong',
          status: 'drafting',
        });
        return found?.amending && found;
      },
      { description: 'the national row shows the amendment' },
    );
    expect(row).toMatchObject({
      pilotAreaId: 'guangzhou',
      approvedVersion: 2,
      taskCount: 2,
      measureCoverage: 66.7,
    });
    const rows = await ministry.trpc.plan.nationalList.query({});
    expect(rows).toHaveLength(28);
    expect(rows.filter((r) => r.status === 'not-started')).toHaveLength(27);
    const summary = await ministry.trpc.plan.nationalSummary.query({});
    expect(summary).toMatchObject({ pilotAreas: 28, amending: 1, averageCoverage: 66.7 });
    expect(summary.byStatus).toMatchObject({ drafting: 1, 'not-started': 27 });
  });

  it('the audit log is read by the tenant and, through its own procedure, by the ministry', async () => {
    const log = await area.trpc.plan.audit.query({ planId });
    expect(log.entries.map((e) => e.action).reverse()).toEqual([
      'created',
      'signed',
      'signed',
      'submitted',
      'returned',
      'saved',
      'signed',
      'signed',
      'submitted',
      'approved',
      'amendment-started',
    ]);
    const returned = log.entries.find((e) => e.action === 'returned');
    expect(returned).toMatchObject({
      actor: { userId: 'mofcom-officer', role: 'ministry-officer' },
      reason: '请将市场主体培育纳入任务',
    });
    const saved = log.entries.find((e) => e.action === 'saved');
    expect(saved?.changes.map((c) => c.field)).toEqual(
      expect.arrayContaining(['coverageExplanations', 'tasks.t2', 'tasks.t1.kpis', 'status']),
    );
    const national = await ministry.trpc.plan.nationalAudit.query({ province: 'guangdong', planId });
    expect(national).toMatchObject({ province: 'guangdong', total: log.total, entries: log.entries });
    const provincialPath = await ministry.trpc.plan.audit.query({ planId }).catch((e: unknown) => e);
    expect(errorData(provincialPath)).toMatchObject({ code: 'FORBIDDEN' });
    const wrongProvince = await ministry.trpc.plan.nationalGet
      .query({ province: 'hainan', planId })
      .catch((e: unknown) => e);
    expect(errorData(wrongProvince)).toMatchObject({ code: 'NOT_FOUND', appCode: 'PLAN_NOT_FOUND' });
  });

  it("another province gets NOT_FOUND for this plan's ids and changes nothing", async () => {
    const before = await current();
    const hainan = await signIn(stack, 'hainan-officer');
    const attempts = [
      hainan.trpc.plan.get.query({ planId }),
      hainan.trpc.plan.audit.query({ planId }),
      hainan.trpc.plan.diff.query({ planId, from: 1, to: 2 }),
      hainan.trpc.plan.sign.mutate({ planId, version: before.version }),
      hainan.trpc.plan.save.mutate({ planId, version: before.version, title: { 'zh-CN': '越权', en: '' } }),
      hainan.trpc.plan.submit.mutate({ planId, version: before.version }),
    ];
    for (const attempt of attempts) {
      const error = await attempt.catch((e: unknown) => e);
      expect(errorData(error)).toMatchObject({ code: 'NOT_FOUND', appCode: 'PLAN_NOT_FOUND' });
      expect(JSON.stringify(errorData(error))).not.toContain('广州市服务贸易');
    }
    expect(await current()).toEqual(before);
  });
});
