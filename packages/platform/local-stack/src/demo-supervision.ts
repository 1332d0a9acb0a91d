import { DemoGateway, type DemoGatewayOptions } from './demo-gateway';

/**
 * The supervision demo `npm start` shows, made through the gateway with the demo users and the
 * real flow: three pilot areas' plans drafted, signed, submitted and approved; the ministry's
 * quarterly schedule for the round, so this quarter's period is open; Guangzhou's report
 * accepted by its province (its implementation rate moves), Hangzhou's submitted and awaiting
 * review, Chengdu's not started; and a key issue Hangzhou raised that Zhejiang passed up to the
 * ministry. A late report cannot be made this way on a fresh platform: a plan approved today is
 * in force from this period on, whose due date lies ahead (the first late marks appear when it
 * passes).
 */
export type DemoSupervisionResult =
  | { seeded: true; round: number; periodId: string; plans: number; reports: number; keyIssueId: string }
  | { seeded: false; reason: string };

const round = 2020;
const ministry = 'mofcom-officer';
const note = '（示例数据，仅供演示）';

/** A pilot area of the round, as the demo flows address it. */
export interface SupervisedArea {
  area: string;
  province: string;
  /** its name as its units are named, e.g. 广州市 */
  city: string;
}

interface DemoArea extends SupervisedArea {
  report: 'accepted' | 'submitted' | 'none';
}

const demoAreas: DemoArea[] = [
  { area: 'guangzhou', province: 'guangdong', city: '广州市', report: 'accepted' },
  { area: 'hangzhou', province: 'zhejiang', city: '杭州市', report: 'submitted' },
  { area: 'chengdu', province: 'sichuan', city: '成都市', report: 'none' },
];

const tasksOf = (a: SupervisedArea, year: number) => [
  {
    id: 't1',
    measureIds: ['M-3-02'],
    description: `推进服务贸易数字化，建设数字服务出口平台${note}`,
    leadUnit: `${a.city}商务局`,
    supportingUnits: [`${a.city}发展改革委`],
    milestones: [{ title: '出台数字服务出口实施方案', due: `${year}-06-30` }],
    kpis: [{ name: '数字服务出口额', unit: '亿美元', baseline: 100, target: 130, due: `${year + 1}-12-31` }],
    keyProgram: true,
  },
  {
    id: 't2',
    measureIds: ['M-4-01'],
    description: `打造数字贸易综合服务平台${note}`,
    leadUnit: `${a.city}商务局`,
    supportingUnits: [`${a.city}数据资源局`],
    milestones: [{ title: '平台上线试运行', due: `${year}-12-31` }],
    kpis: [],
    keyProgram: false,
  },
  {
    id: 't3',
    measureIds: ['M-2-02'],
    description: `扩大专业服务领域对外开放${note}`,
    leadUnit: `${a.city}司法局`,
    supportingUnits: [],
    milestones: [],
    kpis: [],
    keyProgram: false,
  },
];

interface PlanView {
  id: string;
  version: number;
  missingSignOffs: unknown[];
}

/**
 * A plan of three tasks (M-3-02, M-4-01, M-2-02 of the sample catalog), the area's other
 * applicable measures explained, signed by both parties, submitted, given the consultation
 * opinions of the departments responsible for its measures and approved by the ministry.
 */
export async function approvedDemoPlan(
  gateway: DemoGateway,
  a: SupervisedArea,
  year: number,
): Promise<string> {
  const province = `${a.province}-province`;
  let plan = await gateway.mutate<PlanView>(province, 'plan.create', {
    pilotAreaId: a.area,
    round,
    title: { 'zh-CN': `${a.city}服务贸易创新发展试点实施方案`, en: `${a.area} implementation plan` },
    period: { start: `${year}-01-01`, end: `${year + 2}-12-31` },
    tasks: tasksOf(a, year),
  });
  const coverage = await gateway.query<{ unexplained: string[] }>(province, 'plan.coverage', {
    planId: plan.id,
  });
  if (coverage.unexplained.length > 0)
    plan = await gateway.mutate<PlanView>(province, 'plan.save', {
      planId: plan.id,
      version: plan.version,
      coverageExplanations: coverage.unexplained.map((measureId) => ({
        measureId,
        explanation: `由本市其他专项方案落实${note}`,
      })),
    });
  plan = await gateway.mutate<PlanView>(`${a.area}-officer`, 'plan.sign', {
    planId: plan.id,
    version: plan.version,
  });
  if (plan.missingSignOffs.length > 0)
    plan = await gateway.mutate<PlanView>(province, 'plan.sign', { planId: plan.id, version: plan.version });
  await gateway.mutate(province, 'plan.submit', { planId: plan.id, version: plan.version });
  const opened = await gateway.until(`the case of ${a.area}'s plan`, async () =>
    (await gateway.query<{ id: string; subject: { id: string } }[]>(ministry, 'case.listOpen', {})).find(
      (c) => c.subject.id === plan.id,
    ),
  );
  await approveEveryStep(gateway, opened.id);
  return plan.id;
}

interface CaseView {
  status: string;
  version: number;
  levels: { steps: { status: string; approver: { role: string; organisationId: string | null } }[] }[];
}

/**
 * Approves a plan's case step by step as its approvers: the liaisons of the central departments
 * responsible for its measures give their consultation opinion, then the ministry approves.
 */
async function approveEveryStep(gateway: DemoGateway, caseId: string): Promise<void> {
  for (;;) {
    const current = await gateway.query<CaseView>(ministry, 'case.get', { caseId });
    if (current.status !== 'open') return;
    const step = current.levels.flatMap((l) => l.steps).find((s) => s.status === 'active');
    if (!step) throw new Error(`demo data: case ${caseId} is open with no active step`);
    const approver =
      step.approver.role === 'department-liaison' ? `${step.approver.organisationId}-liaison` : ministry;
    await gateway.mutate(approver, 'case.decide', { caseId, decision: 'approve', version: current.version });
  }
}

/** The area reports on the three tasks of its demo plan and submits; answers the report's id. */
export async function submitDemoReport(
  gateway: DemoGateway,
  a: SupervisedArea,
  periodId: string,
): Promise<string> {
  const user = `${a.area}-officer`;
  const key = { pilotAreaId: a.area, periodId };
  await gateway.until(`${a.area}'s plan in force in supervision`, async () =>
    (await gateway.query<{ tasks: unknown[] }>(user, 'report.get', key)).tasks.length === 3
      ? true
      : undefined,
  );
  const saved = await gateway.mutate<{ version: number }>(user, 'report.save', {
    ...key,
    version: 0,
    entries: [
      {
        taskId: 't1',
        status: 'implemented',
        narrative: `数字服务出口平台已上线运行，实施方案已出台${note}`,
        kpiActuals: [{ name: '数字服务出口额', actual: 118 }],
        milestonesDone: ['出台数字服务出口实施方案'],
      },
      { taskId: 't2', status: 'in_progress', narrative: `平台完成招标，进入建设阶段${note}` },
      { taskId: 't3', nothingToReport: { reason: `本期仍在梳理开放事项清单${note}` } },
    ],
  });
  const submitted = await gateway.mutate<{ reportId: string }>(user, 'report.submit', {
    ...key,
    version: saved.version,
  });
  return submitted.reportId;
}

/** The case of a submitted report in its reviewer's inbox (the province, or the ministry in a dual-role government). */
export function reportCaseInInbox(
  gateway: DemoGateway,
  reviewer: string,
  reportId: string,
): Promise<{ caseId: string; version: number }> {
  return gateway.until(`report ${reportId} in ${reviewer}'s inbox`, async () =>
    (
      await gateway.query<{ items: { caseId: string; version: number; subject: { id: string } }[] }>(
        reviewer,
        'case.inbox',
        { caseTypes: ['report'] },
      )
    ).items.find((i) => i.subject.id === reportId),
  );
}

/** The reviewer accepts a submitted report. */
export async function acceptDemoReport(
  gateway: DemoGateway,
  reviewer: string,
  reportId: string,
): Promise<void> {
  const item = await reportCaseInInbox(gateway, reviewer, reportId);
  await gateway.mutate(reviewer, 'case.decide', {
    caseId: item.caseId,
    decision: 'approve',
    version: item.version,
  });
}

/**
 * The ministry's quarterly schedule for the round over this year; answers this quarter's period
 * once the scheduler has opened it.
 */
export async function openQuarterlySchedule(
  gateway: DemoGateway,
  today: string,
): Promise<{ periodId: string; start: string; end: string }> {
  const year = Number(today.slice(0, 4));
  await gateway.mutate(ministry, 'reportingSchedule.save', {
    round,
    frequency: 'quarterly',
    from: `${year}-01-01`,
    to: `${year}-12-31`,
    dueWorkingDays: 10,
    reminderWorkingDaysBefore: 3,
    version: 0,
  });
  return gateway.until("this quarter's open period", async () =>
    (
      await gateway.query<{ periods: { periodId: string; start: string; end: string; stage: string }[] }>(
        ministry,
        'period.list',
        { round },
      )
    ).periods.find((p) => p.start <= today && today <= p.end && p.stage !== 'scheduled'),
  );
}

/**
 * Seeds the supervision demo into a platform whose round has no reporting schedule yet; one with
 * a schedule (seeded before, or set by the ministry) is left alone.
 */
export async function seedDemoSupervision(
  options: DemoGatewayOptions & { today?: Date },
): Promise<DemoSupervisionResult> {
  const gateway = new DemoGateway(options);
  const existing = await gateway
    .query<unknown>(ministry, 'reportingSchedule.get', { round })
    .catch(() => null);
  if (existing) return { seeded: false, reason: `round ${round} already has a reporting schedule` };

  const today = (options.today ?? new Date()).toISOString().slice(0, 10);
  const year = Number(today.slice(0, 4));
  const plans = await Promise.all(demoAreas.map((a) => approvedDemoPlan(gateway, a, year)));
  const current = await openQuarterlySchedule(gateway, today);
  const reporting = demoAreas.filter((a) => a.report !== 'none');
  await Promise.all(
    reporting.map(async (a) => {
      const reportId = await submitDemoReport(gateway, a, current.periodId);
      if (a.report === 'accepted') await acceptDemoReport(gateway, `${a.province}-province`, reportId);
    }),
  );

  const raised = await gateway.mutate<{ keyIssueId: string; version: number }>(
    'hangzhou-officer',
    'keyIssue.raise',
    {
      pilotAreaId: 'hangzhou',
      round,
      category: 'cross-department-coordination',
      title: {
        'zh-CN': `数字贸易平台跨部门数据共享受阻${note}`,
        en: 'Cross-department data sharing for the platform is stuck (illustrative)',
      },
      description: {
        'zh-CN': `平台建设需要海关、外汇等部门的数据接口，本市层面难以协调${note}`,
        en: 'The platform needs data interfaces of customs and foreign exchange, beyond what the city can arrange (illustrative)',
      },
      taskIds: ['t2'],
      measureIds: ['M-4-01'],
    },
  );
  await gateway.mutate('zhejiang-province', 'keyIssue.passUp', {
    keyIssueId: raised.keyIssueId,
    version: raised.version,
    reason: `需国家层面协调相关部门${note}`,
  });
  return {
    seeded: true,
    round,
    periodId: current.periodId,
    plans: plans.length,
    reports: reporting.length,
    keyIssueId: raised.keyIssueId,
  };
}
