import { nationalScope, tenantScope, trusted } from '@tradepilot/tenancy';
import { until } from './bounded-poll';
import { mutate, query } from './gateway-calls';
import type { ServiceDatabases } from './service-databases';
import type { StoredDocument } from './volume-templates';

/**
 * What the supervision service stored for one period of the template plan (Hainan, where the
 * ministry reviews reports): the schedule and its period, the report as drafted, submitted and
 * accepted with its audit lines, and one key issue raised (held by the ministry at once) and resolved.
 */
export interface SupervisionTemplates {
  schedule: StoredDocument;
  period: StoredDocument;
  supervisedPlan: StoredDocument;
  planVersion: StoredDocument;
  /** the report as a draft (after one save) and as accepted */
  draftReport: StoredDocument;
  acceptedReport: StoredDocument;
  /** its audit lines, oldest first: saved, submitted, accepted */
  reportAudit: StoredDocument[];
  timeliness: StoredDocument;
  /** the key issue held by the ministry, and resolved; the index rows of both */
  openIssue: StoredDocument;
  openIssueIndex: StoredDocument;
  resolvedIssue: StoredDocument;
  resolvedIssueIndex: StoredDocument;
  /** its audit lines, oldest first: raised, resolved */
  issueAudit: StoredDocument[];
}

export interface SupervisionCapture {
  gatewayUrl: string;
  supervision: ServiceDatabases;
  tenant: string;
  round: number;
  officer: string;
  ministry: string;
  /** a task of the template plan in force, in the contract's shape */
  task: { id: string; milestones: { title: string }[]; kpis: { name: string }[] };
}

const dayOffset = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Runs one reporting period and one key issue of the approved template plan through the real apps. */
export async function captureSupervisionTemplates(c: SupervisionCapture): Promise<SupervisionTemplates> {
  const { gatewayUrl, officer, ministry, tenant, round, task } = c;
  const scope = tenantScope(tenant);
  const lean = async (modelName: string, filter: Record<string, unknown>, national = false) => {
    const model = await c.supervision.databases.model(
      national ? nationalScope : scope,
      c.supervision.definition(modelName),
    );
    return (await model
      .find(filter as never)
      .sort({ _id: 1 })
      .lean()) as StoredDocument[];
  };
  const one = async (what: string, modelName: string, filter: Record<string, unknown>, national = false) =>
    until(what, async () => (await lean(modelName, filter, national))[0]);

  await mutate(
    gatewayUrl,
    'reportingSchedule.save',
    {
      round,
      frequency: 'custom',
      from: dayOffset(-10),
      to: dayOffset(30),
      customPeriods: [
        { start: dayOffset(-10), end: dayOffset(30), label: { 'zh-CN': '本期', en: 'This period' } },
      ],
      dueWorkingDays: 5,
      reminderWorkingDaysBefore: 2,
      version: 0,
    },
    ministry,
  );
  // the scheduler opens the period at its next poll; a report can be drafted once it has
  const periodId = await until(
    `the period of round ${round}'s schedule open`,
    async () => {
      const { periods } = await query<{ periods: { periodId: string; stage: string }[] }>(
        gatewayUrl,
        'period.list',
        { round },
        ministry,
      );
      return periods.find((p) => p.stage === 'open')?.periodId;
    },
    60_000,
    100,
  );
  const key = { pilotAreaId: tenant, periodId };
  await until(
    'the plan in force in supervision',
    () =>
      query<{ tasks: unknown[] }>(gatewayUrl, 'report.get', key, officer)
        .then((r) => r.tasks.length > 0)
        .catch(() => false),
    60_000,
    100,
  );
  const saved = await mutate<{ version: number; reportId: string }>(
    gatewayUrl,
    'report.save',
    {
      ...key,
      version: 0,
      entries: [
        {
          taskId: task.id,
          status: 'in_progress',
          narrative: '服务贸易公共服务平台已试运行，本期新增企业用户 120 家',
          kpiActuals: task.kpis.map((k) => ({ name: k.name, actual: 108 })),
          milestonesDone: task.milestones.map((m) => m.title),
          attachmentIds: [],
        },
      ],
    },
    officer,
  );
  const reportId = saved.reportId;
  const draftReport = await one('the draft report', 'ProgressReport', { _id: reportId });
  const submitted = await mutate<{ submission: number }>(
    gatewayUrl,
    'report.submit',
    { ...key, version: saved.version },
    officer,
  );
  // in a dual-role government the ministry reviews the report
  const reviewCase = await until(
    "the report's case in the ministry's inbox",
    async () =>
      (
        await query<{
          items: { caseId: string; version: number; subject: { id: string; version: number } }[];
        }>(gatewayUrl, 'case.inbox', { caseTypes: ['report'] }, ministry)
      ).items.find((i) => i.subject.id === reportId && i.subject.version === submitted.submission),
    60_000,
    100,
  );
  await mutate(
    gatewayUrl,
    'case.decide',
    { caseId: reviewCase.caseId, decision: 'approve', version: reviewCase.version },
    ministry,
  );
  const acceptedReport = await one('the accepted report', 'ProgressReport', {
    _id: reportId,
    status: 'accepted',
  });
  const timeliness = await one(
    "the report's national timeliness row",
    'ReportTimeliness',
    { _id: reportId, status: 'accepted' },
    true,
  );

  const raised = await mutate<{ keyIssueId: string; version: number }>(
    gatewayUrl,
    'keyIssue.raise',
    {
      pilotAreaId: tenant,
      category: 'cross-department-coordination',
      title: { 'zh-CN': '跨境数据流动需跨部门协调', en: 'Cross-border data flows need coordination' },
      description: { 'zh-CN': '数据出境安全评估与外汇结算需多部门协同办理', en: '' },
      taskIds: [task.id],
    },
    officer,
  );
  const keyIssueId = raised.keyIssueId;
  // raised where pilot area and province are one government: the ministry holds it at once
  const openIssue = await one('the key issue held by the ministry', 'KeyIssue', {
    _id: keyIssueId,
    version: raised.version,
  });
  const openIssueIndex = await one(
    "the ministry's index row of the key issue",
    'KeyIssueIndex',
    { _id: keyIssueId, holderLevel: 'ministry' },
    true,
  );
  await mutate(
    gatewayUrl,
    'keyIssue.ministryResolve',
    { keyIssueId, version: raised.version, resolution: '已会同有关部门研究办结' },
    ministry,
  );
  // once its resolution is published the issue moves to the resolved ones: read it where it is
  const resolvedIssue = await until('the resolved key issue', async () => {
    const filter = { _id: keyIssueId, status: 'resolved' };
    return (await lean('KeyIssue', filter))[0] ?? (await lean('ResolvedKeyIssue', filter))[0];
  });
  const resolvedIssueIndex = await one(
    "the resolved key issue's index row",
    'KeyIssueIndex',
    { _id: keyIssueId, status: 'resolved' },
    true,
  );
  const byVersion = (lines: StoredDocument[]) =>
    lines.sort((a, b) => (a['version'] as number) - (b['version'] as number));
  const reportAudit = byVersion(
    await lean('AuditTrail', { subjectType: 'progress-report', subjectId: reportId }),
  );
  const issueAudit = byVersion(await lean('AuditTrail', { subjectType: 'key-issue', subjectId: keyIssueId }));
  const [schedule, period, supervisedPlan, planVersion] = await Promise.all([
    one('the schedule', 'ReportingSchedule', { round }, true),
    one('the period', 'ReportingPeriod', { _id: periodId }, true),
    one('the supervised plan', 'SupervisedPlan', { round, pilotAreaId: tenant }),
    one("supervision's copy of the plan version in force", 'PlanVersion', {
      round,
      pilotAreaId: tenant,
      submission: trusted({ $gte: 1 }),
    }),
  ]);
  if (reportAudit.length === 0 || issueAudit.length === 0)
    throw new Error('the report or key issue of the template left no audit lines');
  return {
    schedule,
    period,
    supervisedPlan,
    planVersion,
    draftReport,
    acceptedReport,
    reportAudit,
    timeliness,
    openIssue,
    openIssueIndex,
    resolvedIssue,
    resolvedIssueIndex,
    issueAudit,
  };
}
