import type { PilotArea } from '@tradepilot/tenancy';
import { dayMs, yearMs } from './volume-retarget';
import {
  nationalSupervision,
  periodsPerRound,
  provinceSupervision,
  type SeededRound,
} from './volume-supervision-seeder';
import type { SupervisionTemplates } from './volume-supervision-templates';

const captured = new Date('2026-12-02T01:47:27Z');
const later = (ms: number) => new Date(captured.getTime() + ms);
const entry = {
  taskId: 't1',
  nothingToReport: false,
  status: 'in_progress',
  narrative: '已试运行',
  kpiActuals: [{ name: '服务贸易额', actual: 108 }],
  milestonesDone: ['启动'],
  evidence: [],
  reason: '',
};
const report = (status: string, version: number) => ({
  _id: '2020-P1:hainan',
  periodId: '2020-P1',
  round: 2020,
  pilotAreaId: 'hainan',
  entries: [entry],
  status,
  version,
  createdAt: captured,
  createdBy: 'hainan-officer',
  updatedAt: later(500),
});
const issue = (status: string) => ({
  _id: 'a-key-issue',
  round: 2020,
  pilotAreaId: 'hainan',
  status,
  raisedBy: { level: 'pilot-area', organisationIds: ['hainan'] },
  holder: { level: 'ministry', organisationIds: ['mofcom'] },
  raisedAt: later(1000),
  slaDueAt: status === 'open' ? later(14 * dayMs) : null,
});
const line = (subjectType: string, action: string, version: number) => ({
  _id: `${subjectType}:x:${version}`,
  subjectType,
  subjectId: 'x',
  action,
  at: later(version * 100),
  organisationId: 'hainan',
  version,
  changes: [],
});
const templates: SupervisionTemplates = {
  schedule: { _id: '2020', round: 2020, frequency: 'custom', version: 1, updatedAt: captured },
  period: { _id: '2020-P1', round: 2020, stage: 'open', version: 2, createdAt: captured },
  supervisedPlan: { _id: '2020:hainan', pilotAreaId: 'hainan', round: 2020, approvedAt: captured },
  planVersion: { _id: '2020:hainan:2', pilotAreaId: 'hainan', round: 2020, approvedAt: captured },
  draftReport: report('draft', 1),
  acceptedReport: report('accepted', 3),
  reportAudit: [
    line('progress-report', 'created', 1),
    line('progress-report', 'submitted', 2),
    line('progress-report', 'accepted', 3),
  ],
  timeliness: { _id: '2020-P1:hainan', province: 'hainan', status: 'accepted', updatedAt: captured },
  openIssue: issue('open'),
  openIssueIndex: { ...issue('open'), province: 'hainan', holderLevel: 'ministry' },
  resolvedIssue: issue('resolved'),
  resolvedIssueIndex: { ...issue('resolved'), province: 'hainan', holderLevel: 'ministry' },
  issueAudit: [line('key-issue', 'raised', 1), line('key-issue', 'resolved', 2)],
};

const span = 3 * yearMs;
const now = new Date();
const current: SeededRound = { round: 2020, start: new Date(now.getTime() - span), current: true };
const past: SeededRound = { round: 2017, start: new Date(now.getTime() - 2 * span), current: false };
const area = (id: string) => ({ id, province: 'guangdong', name: { 'zh-CN': id, en: id } }) as PilotArea;
const task = (id: string) => ({ id, kpis: [{ name: '服务贸易额' }], milestones: [{ title: '启动' }] });
const plan = (id: string, approved: boolean, tasks = 3) => ({
  _id: id,
  submission: 2,
  approvedAt: approved ? new Date(now.getTime() - span + 60 * dayMs) : null,
  tasks: Array.from({ length: tasks }, (_, i) => task(`t${i + 1}`)),
});

describe('the seeded supervision of a round', () => {
  it('gives every round 12 periods, the last of the current round open today and every other one past its due date', () => {
    const { schedules, periods } = nationalSupervision(templates, [current, past], span);
    expect(schedules.map((s) => s._id)).toEqual(['2020', '2017']);
    expect(periods).toHaveLength(2 * periodsPerRound);
    expect(new Set(periods.map((p) => p._id)).size).toBe(periods.length);
    const open = periods.filter((p) => p['stage'] === 'open');
    expect(open.map((p) => p._id)).toEqual(['2020-P12']);
    const today = now.toISOString().slice(0, 10);
    expect((open[0]?.['start'] as string) <= today && today <= (open[0]?.['end'] as string)).toBe(true);
    for (const p of periods.filter((p) => p['stage'] !== 'open')) {
      expect(p['stage']).toBe('due-passed');
      expect(p['nextTimerAt']).toBeNull();
      expect((p['due'] as string) < today).toBe(true);
    }
  });

  it('reports and raises a key issue each period for a plan in force, nothing for a plan not approved', () => {
    const seeded = provinceSupervision(
      templates,
      'guangdong',
      [
        { area: area('guangzhou'), round: current, plan: plan('p1', true, 3) },
        { area: area('shenzhen'), round: current, plan: plan('p2', false) },
        { area: area('guangzhou'), round: past, plan: plan('p0', true, 2) },
      ],
      span,
    );
    const reports = [...seeded.tenant.ProgressReport, ...seeded.tenant.PastProgressReport];
    expect(reports).toHaveLength(2 * periodsPerRound);
    // only the current period's report among the current reports; the accepted ones are past
    expect(seeded.tenant.ProgressReport.map((r) => r._id)).toEqual(['2020-P12:guangzhou']);
    expect(reports.every((r) => r['pilotAreaId'] === 'guangzhou')).toBe(true);
    expect(reports.find((r) => r._id === '2020-P12:guangzhou')).toMatchObject({
      status: 'draft',
      version: 1,
    });
    expect(reports.filter((r) => r['status'] === 'accepted')).toHaveLength(2 * periodsPerRound - 1);
    expect((reports.find((r) => r._id === '2020-P3:guangzhou')?.['entries'] as unknown[]).length).toBe(3);
    expect((reports.find((r) => r._id === '2017-P3:guangzhou')?.['entries'] as unknown[]).length).toBe(2);
    // the national timeliness row of every submitted report, none of the draft
    expect(seeded.national.ReportTimeliness.map((r) => r._id).sort()).toEqual(
      reports
        .filter((r) => r['status'] === 'accepted')
        .map((r) => r._id)
        .sort(),
    );
    const issues = [...seeded.tenant.KeyIssue, ...seeded.tenant.ResolvedKeyIssue];
    expect(issues).toHaveLength(2 * periodsPerRound);
    // the one held now among the current issues and in the inbox's index; the resolved ones moved
    expect(seeded.tenant.KeyIssue.map((i) => i['status'])).toEqual(['open']);
    expect(seeded.tenant.ResolvedKeyIssue.every((i) => i['status'] === 'resolved')).toBe(true);
    expect(seeded.national.OpenKeyIssueIndex.map((r) => r._id)).toEqual([seeded.tenant.KeyIssue[0]?._id]);
    expect(issues[0]?.['raisedBy']).toEqual({ level: 'pilot-area', organisationIds: ['guangzhou'] });
    expect(seeded.national.KeyIssueIndex.map((r) => [r._id, r['province']]).sort()).toEqual(
      issues.map((i) => [i._id, 'guangdong']).sort(),
    );
    expect(seeded.current).toEqual([
      {
        pilotAreaId: 'guangzhou',
        round: 2020,
        periodId: '2020-P12',
        reportVersion: 1,
        taskId: 't1',
        openIssueId: issues.find((i) => i['status'] === 'open')?._id,
      },
    ]);
    expect(seeded.tenant.SupervisedPlan.map((p) => [p._id, p['status']])).toEqual([
      ['2020:guangzhou', 'implementing'],
      ['2017:guangzhou', 'closed'],
    ]);
  });

  it('writes the audit lines of every report and key issue, the first save naming every task', () => {
    const seeded = provinceSupervision(
      templates,
      'guangdong',
      [{ area: area('guangzhou'), round: current, plan: plan('p1', true, 4) }],
      span,
    );
    const lines = seeded.tenant.AuditTrail;
    expect(new Set(lines.map((l) => l._id)).size).toBe(lines.length);
    // 11 accepted reports × 3 lines + the draft's 1; 11 resolved issues × 2 + the open one's 1
    expect(lines.filter((l) => l['subjectType'] === 'progress-report')).toHaveLength(11 * 3 + 1);
    expect(lines.filter((l) => l['subjectType'] === 'key-issue')).toHaveLength(11 * 2 + 1);
    const created = lines.find((l) => l._id === 'progress-report:2020-P5:guangzhou:1');
    expect((created?.['changes'] as { field: string }[]).map((c) => c.field)).toEqual([
      'entries.t1',
      'entries.t2',
      'entries.t3',
      'entries.t4',
    ]);
    expect(created?.['organisationId']).toBe('guangzhou');
  });
});
