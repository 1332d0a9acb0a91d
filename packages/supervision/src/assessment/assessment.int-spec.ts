import {
  approvalCaseCompletedV1,
  planApprovedV1,
  practicePublishedV1,
  reportAcceptedV1,
  supervisionTopics,
  type ApplicableMeasure,
  type EventData,
} from '@tradepilot/contracts';
import type { Principal } from '@tradepilot/auth';
import { EventRecorder } from '@tradepilot/test-stack';
import { eventually } from '@tradepilot/testing';
import { randomUUID } from 'node:crypto';
import {
  approvedPlan,
  failure,
  MovableClock,
  planTask,
  principals,
  SupervisionHarness,
} from '../test/supervision-harness';

const h = new SupervisionHarness(new MovableClock(new Date('2026-01-12T02:00:00Z')));
const ministry = () => h.client(principals.ministry);
let recorder: EventRecorder;

const applicable = (measureId: string): ApplicableMeasure => ({
  measureId,
  taskGroupId: 'opening-up',
  responsibleDepartments: ['mofcom'],
  explanation: null,
});

/** Three tasks over three measures, a fourth measure applicable but not planned. */
const approval = (pilotAreaId: string): EventData<typeof planApprovedV1> =>
  approvedPlan({
    pilotAreaId,
    tasks: [planTask('t1', ['M-1-01']), planTask('t2', ['M-2-01', 'M-2-02']), planTask('t3', ['M-2-02'])],
    measureCoverage: { applicable: 4, covered: 3, percent: 75 },
    applicableMeasures: ['M-1-01', 'M-2-01', 'M-2-02', 'M-3-01'].map(applicable),
  });

type Entry = {
  taskId: string;
  status: 'in_progress' | 'implemented';
  kpiActuals?: { name: string; actual: number }[];
};

/** The area submits its Q1 report and the case outcome accepts it. */
async function acceptedReport(who: Principal & { tenant: string }, pilotAreaId: string, entries: Entry[]) {
  const key = { pilotAreaId, periodId: '2020-2026-Q1' };
  const saved = await h.client(who).report.save.mutate({ ...key, version: 0, entries });
  await h.client(who).report.submit.mutate({ ...key, version: saved.version });
  const reportId = `2020-2026-Q1:${pilotAreaId}`;
  await h.publish(
    approvalCaseCompletedV1,
    {
      caseId: `case-${reportId}`,
      caseType: 'report',
      subject: { service: 'supervision', type: 'report', id: reportId, version: 1 },
      outcome: 'approved',
      reason: null,
      level: 1,
      decidedAt: h.clock.now().toISOString(),
    },
    { tenant: who.tenant, aggregateId: `case-${reportId}`, sequence: 1 },
  );
  await recorder.waitForEvent(reportAcceptedV1.type, (e) => e.envelope?.aggregateId === reportId);
}

const indicators = [
  {
    id: 'implementation',
    name: { 'zh-CN': '措施落地率', en: 'Implementation rate' },
    weight: 30,
    source: 'implementation_rate' as const,
    rule: { kind: 'linear' as const, zeroAt: 0, fullAt: 100 },
  },
  {
    id: 'timeliness',
    name: { 'zh-CN': '报送及时率', en: 'Report timeliness' },
    weight: 20,
    source: 'report_timeliness' as const,
    rule: {
      kind: 'banded' as const,
      bands: [
        { from: 50, percent: 50 },
        { from: 90, percent: 100 },
      ],
    },
  },
  {
    id: 'kpi',
    name: { 'zh-CN': '指标完成度', en: 'KPI attainment' },
    weight: 20,
    source: 'kpi_attainment' as const,
    rule: { kind: 'ratio' as const, target: 100 },
  },
  {
    id: 'practices',
    name: { 'zh-CN': '经验做法发布', en: 'Practices published' },
    weight: 5,
    source: 'practices_published' as const,
    rule: { kind: 'ratio' as const, target: 2 },
  },
  {
    id: 'issues',
    name: { 'zh-CN': '问题解决率', en: 'Key issues resolved' },
    weight: 5,
    source: 'key_issues_resolved' as const,
    rule: { kind: 'ratio' as const, target: 100 },
  },
  {
    id: 'fieldwork',
    name: { 'zh-CN': '实地督查评价', en: 'Field inspection' },
    weight: 20,
    source: 'manual' as const,
  },
];
const framework = {
  frameworkId: 'sv-2020-annual',
  round: 2020,
  name: { 'zh-CN': '2020 年批次年度评估', en: 'Round 2020 annual assessment' },
  indicators,
};
const evidence = [{ title: '督查报告', reference: '商务部督查〔2026〕1 号' }];

beforeAll(async () => {
  await h.start();
  recorder = new EventRecorder(h.topicPrefix);
  await recorder.start([supervisionTopics.report, supervisionTopics.assessment]);
  await ministry().reportingSchedule.save.mutate({
    round: 2020,
    frequency: 'quarterly',
    from: '2026-01-01',
    to: '2026-12-31',
    dueWorkingDays: 10,
    reminderWorkingDaysBefore: 3,
    version: 0,
  });
  for (const [tenant, pilotAreaId] of [
    ['guangdong', 'guangzhou'],
    ['guangdong', 'shenzhen'],
    ['hainan', 'hainan'],
  ] as const) {
    await h.publishApproval(approval(pilotAreaId), tenant);
  }
  await eventually(
    async () =>
      (await ministry().period.list.query({ round: 2020 })).periods[0]?.stage === 'open' &&
      (await ministry().implementation.nationalSummary.query({ round: 2020 })).underSupervision === 3,
    { description: 'Q1 open and the three plans in force' },
  );
  // guangzhou: 2 of 4 measures, KPIs at 50 %, 100 %, 100 % of their way to target, one practice,
  // one of two key issues resolved;
  // shenzhen: 3 of 4 measures, no KPI actuals; hainan reports nothing
  await acceptedReport(principals.guangzhou, 'guangzhou', [
    { taskId: 't1', status: 'implemented', kpiActuals: [{ name: '服务贸易额', actual: 110 }] },
    { taskId: 't2', status: 'implemented', kpiActuals: [{ name: '服务贸易额', actual: 120 }] },
    { taskId: 't3', status: 'in_progress', kpiActuals: [{ name: '服务贸易额', actual: 135 }] },
  ]);
  await acceptedReport(principals.shenzhen, 'shenzhen', [
    { taskId: 't1', status: 'implemented' },
    { taskId: 't2', status: 'implemented' },
    { taskId: 't3', status: 'implemented' },
  ]);
  // guangzhou raises two key issues; its province resolves one
  const issue = (title: string) => ({
    pilotAreaId: 'guangzhou',
    taskIds: ['t1'],
    category: 'funding' as const,
    title: { 'zh-CN': title, en: title },
    description: { 'zh-CN': `${title}：资金缺口`, en: `${title}: a funding gap` },
  });
  const raised = await h.client(principals.guangzhou).keyIssue.raise.mutate(issue('园区建设资金'));
  await h.client(principals.guangzhou).keyIssue.raise.mutate(issue('人才引进资金'));
  await h.client(principals.guangdong).keyIssue.resolve.mutate({
    keyIssueId: raised.keyIssueId,
    version: raised.version,
    resolution: '省级专项资金已拨付',
  });
  const practiceId = randomUUID();
  await h.publish(
    practicePublishedV1,
    {
      practiceId,
      province: 'guangdong',
      pilotAreaId: 'guangzhou',
      title: { 'zh-CN': '跨境服务贸易一站式平台', en: 'One-stop cross-border services platform' },
      taskGroupId: null,
      batchId: randomUUID(),
      batchNumber: 1,
      publishedAt: h.clock.now().toISOString(),
      round: 2020,
    },
    { tenant: 'national', aggregateId: practiceId, sequence: 1, actor: principals.ministry },
  );
  await eventually(
    async () =>
      (await ministry().implementation.nationalRate.query({ round: 2020 })).periods[0]?.areas === 2 &&
      (await h.consumedAll('practices.practice')) &&
      (await h.consumedAll(supervisionTopics.report)) &&
      (await h.withDatabase('national', (db) =>
        db.collection('key_issue_index').countDocuments({ pilotAreaId: 'guangzhou', status: 'resolved' }),
      )) === 1,
    { description: 'the rates, timeliness, key issues and practice projected' },
  );
}, 60_000);
afterAll(async () => {
  await recorder?.stop();
  await h.close();
});

describe('assessment: frameworks as data, runs that explain every number, frozen when published', () => {
  let runId = '';

  it('refuses weights that do not sum to 100 in both languages and saves nothing; saves a valid framework, audited', async () => {
    const bad = await failure(
      ministry().assessment.frameworkSave.mutate({
        ...framework,
        indicators: indicators.map((i) => (i.id === 'practices' ? { ...i, weight: 15 } : i)),
        version: 0,
      }),
    );
    expect(bad.data.appCode).toBe('ASSESSMENT_WEIGHTS_NOT_100');
    expect(bad.data.messages.en).toContain('the weights must sum to 100, they sum to 110');
    expect(bad.data.messages['zh-CN']).toContain('各指标权重之和须为 100，现为 110');
    expect((await ministry().assessment.frameworkList.query({ round: 2020 })).frameworks).toEqual([]);
    const noRule = await failure(
      ministry().assessment.frameworkSave.mutate({
        ...framework,
        indicators: indicators.map((i) => (i.id === 'kpi' ? { ...i, rule: null } : i)),
        version: 0,
      }),
    );
    expect(noRule.data.appCode).toBe('ASSESSMENT_FRAMEWORK_INVALID');
    expect(noRule.data.messages['zh-CN']).toContain('indicators.2.rule');

    const saved = await ministry().assessment.frameworkSave.mutate({ ...framework, version: 0 });
    expect(saved).toMatchObject({ frameworkId: 'sv-2020-annual', version: 1, updatedBy: 'mofcom-officer' });
    const got = await ministry().assessment.frameworkGet.query({ frameworkId: 'sv-2020-annual' });
    expect(got.indicators.map((i) => [i.id, i.weight, i.source])).toEqual(
      indicators.map((i) => [i.id, i.weight, i.source]),
    );
    expect(got.history.map((a) => [a.action, a.version, a.userId])).toEqual([
      ['created', 1, 'mofcom-officer'],
    ]);
    const province = await failure(h.client(principals.guangdong).assessment.frameworkList.query({}));
    expect(province.data.appCode).toBe('ROLE_NOT_ALLOWED');
  });

  it('a run scores every area of the round from the projections, explains each number and ranks the areas', async () => {
    const run = await ministry().assessment.runStart.mutate({ frameworkId: 'sv-2020-annual' });
    runId = run.runId;
    expect(run).toMatchObject({ runVersion: 1, frameworkVersion: 1, status: 'draft', areaCount: 3 });
    const guangzhou = await ministry().assessment.result.query({ runId, pilotAreaId: 'guangzhou' });
    const by = Object.fromEntries(guangzhou.indicators.map((s) => [s.indicatorId, s]));
    expect(by['implementation']).toMatchObject({
      raw: 50,
      points: 15,
      basis: {
        from: 'supervision_national.implementation_rates',
        periods: ['2020-2026-Q1'],
        reports: ['2020-2026-Q1:guangzhou'],
        counts: { applicable: 4, implemented: 2, notPlanned: 1 },
      },
    });
    expect(by['timeliness']).toMatchObject({
      raw: 100,
      points: 20,
      basis: { counts: { due: 1, onTime: 1 } },
    });
    // (110-100)/20 = 50 %, 100 %, 135 capped at 100 %: mean 83.3 % of a ratio to 100 → 16.66 of 20
    expect(by['kpi']).toMatchObject({
      raw: 83.3,
      points: 16.66,
      basis: { reports: ['2020-2026-Q1:guangzhou'] },
    });
    expect(by['kpi']?.basis.lines.map((l) => [l.ref, l.values['actual'], l.values['attainment']])).toEqual([
      ['t1/服务贸易额', 110, 50],
      ['t2/服务贸易额', 120, 100],
      ['t3/服务贸易额', 135, 100],
    ]);
    expect(by['practices']).toMatchObject({ raw: 1, points: 2.5, basis: { counts: { published: 1 } } });
    expect(by['issues']).toMatchObject({
      raw: 50,
      points: 2.5,
      basis: { counts: { raised: 2, resolved: 1 } },
    });
    expect(by['fieldwork']).toMatchObject({ raw: null, points: 0, manual: null });
    expect(by['implementation']?.explanation.en).toBe(
      'raw value 50 (% (implemented ÷ applicable measures)); linear: 0 points at 0, the full 30 at 100, proportional between; 15/30 points',
    );
    expect(guangzhou).toMatchObject({ total: 56.66, rank: 1, of: 3, status: 'draft' });

    const ranking = await ministry().assessment.ranking.query({ runId });
    expect(ranking.map((r) => [r.pilotAreaId, r.score, r.rank])).toEqual([
      ['guangzhou', 56.66, 1],
      // 75 % implemented (22.5) and on time (20); no KPI actuals, no practice
      ['shenzhen', 42.5, 2],
      // nothing reported yet: every automatic figure is "no data"
      ['hainan', 0, 3],
    ]);
    const hainan = await ministry().assessment.result.query({ runId, pilotAreaId: 'hainan' });
    expect(hainan.indicators.find((s) => s.indicatorId === 'implementation')?.explanation['zh-CN']).toContain(
      '暂无可计算的数据',
    );
  });

  it('a manual score needs evidence and a comment; with them it moves the total and the ranks, audited', async () => {
    const score = {
      runId,
      pilotAreaId: 'shenzhen',
      indicatorId: 'fieldwork',
      points: 20,
      comment: '现场核查全部落实',
    };
    const noEvidence = await failure(ministry().assessment.manualScore.mutate({ ...score, evidence: [] }));
    expect(noEvidence.data.appCode).toBe('VALIDATION_FAILED');
    expect(noEvidence.data.messages['zh-CN']).toContain('人工评分须附至少一项证据');
    expect(noEvidence.data.messages.en).toContain('a manual score needs at least one piece of evidence');
    const noComment = await failure(
      ministry().assessment.manualScore.mutate({ ...score, evidence, comment: ' ' }),
    );
    expect(noComment.data.messages.en).toContain('a manual score needs a comment');
    const automatic = await failure(
      ministry().assessment.manualScore.mutate({ ...score, evidence, indicatorId: 'implementation' }),
    );
    expect(automatic.data.appCode).toBe('ASSESSMENT_INDICATOR_NOT_MANUAL');
    const tooMany = await failure(
      ministry().assessment.manualScore.mutate({ ...score, evidence, points: 21 }),
    );
    expect(tooMany.data.messages['zh-CN']).toContain('满分为 20 分');
    expect((await ministry().assessment.result.query({ runId, pilotAreaId: 'shenzhen' })).total).toBe(42.5);

    const scored = await ministry().assessment.manualScore.mutate({ ...score, evidence });
    expect(scored).toMatchObject({ total: 62.5, rank: 1, version: 2 });
    expect(scored.indicators.find((s) => s.indicatorId === 'fieldwork')).toMatchObject({
      points: 20,
      manual: { points: 20, evidence, comment: '现场核查全部落实', scoredBy: 'mofcom-officer' },
    });
    const audit = await h.withDatabase('national', (db) =>
      db.collection('audit_trail').find({ subjectType: 'assessment-result' }).toArray(),
    );
    expect(audit.map((a) => [a['subjectId'], a['action'], a['reason']])).toEqual([
      [`${runId}:shenzhen`, 'manually-scored', '现场核查全部落实'],
    ]);
  });

  it('publishing freezes the run and emits assessment.published.v1; any later change is refused in both languages', async () => {
    const published = await ministry().assessment.publish.mutate({ runId });
    expect(published).toMatchObject({ status: 'published', publishedBy: 'mofcom-officer', runVersion: 1 });
    const event = await recorder.waitForEvent(
      'assessment.published.v1',
      (e) => e.envelope?.aggregateId === runId,
    );
    expect(event.envelope?.tenant).toBe('national');
    expect(event.envelope?.data).toMatchObject({
      runId,
      frameworkId: 'sv-2020-annual',
      round: 2020,
      runVersion: 1,
      scores: [
        { pilotAreaId: 'shenzhen', province: 'guangdong', score: 62.5, rank: 1 },
        { pilotAreaId: 'guangzhou', province: 'guangdong', score: 56.66, rank: 2 },
        { pilotAreaId: 'hainan', province: 'hainan', score: 0, rank: 3 },
      ],
    });
    const late = await failure(
      ministry().assessment.manualScore.mutate({
        runId,
        pilotAreaId: 'guangzhou',
        indicatorId: 'fieldwork',
        points: 20,
        evidence,
        comment: '补充评分',
      }),
    );
    expect(late.data.appCode).toBe('ASSESSMENT_RUN_PUBLISHED');
    expect(late.data.messages['zh-CN']).toContain('发布，结果已冻结，不能再修改');
    expect(late.data.messages.en).toContain('its results are frozen and cannot change');
    expect((await failure(ministry().assessment.publish.mutate({ runId }))).data.appCode).toBe(
      'ASSESSMENT_RUN_PUBLISHED',
    );
    expect((await ministry().assessment.result.query({ runId, pilotAreaId: 'guangzhou' })).total).toBe(56.66);
    expect(recorder.ofType('assessment.published.v1')).toHaveLength(1);
  });

  it('a new run is version 2 of the framework, a draft beside the published one', async () => {
    const second = await ministry().assessment.runStart.mutate({ frameworkId: 'sv-2020-annual' });
    expect(second).toMatchObject({ runVersion: 2, status: 'draft' });
    const runs = await ministry().assessment.runList.query({ round: 2020, frameworkId: 'sv-2020-annual' });
    expect(runs.runs.map((r) => [r.runVersion, r.status])).toEqual([
      [2, 'draft'],
      [1, 'published'],
    ]);
    // the manual score belongs to run 1: run 2 starts without it
    expect(
      (await ministry().assessment.result.query({ runId: second.runId, pilotAreaId: 'shenzhen' })).total,
    ).toBe(42.5);
    const province = h.client(principals.guangdong);
    expect(
      (await failure(province.assessment.ownResult.query({ runId: second.runId, pilotAreaId: 'shenzhen' })))
        .data.appCode,
    ).toBe('ASSESSMENT_RUN_NOT_FOUND');
  });

  it('a province officer sees only its own areas of published runs, a pilot area only itself', async () => {
    const guangdong = await h.client(principals.guangdong).assessment.ownResults.query({ round: 2020 });
    expect(
      guangdong.runs.map((r) => [r.runVersion, r.areas.map((a) => [a.pilotAreaId, a.score, a.rank])]),
    ).toEqual([
      [
        1,
        [
          ['shenzhen', 62.5, 1],
          ['guangzhou', 56.66, 2],
        ],
      ],
    ]);
    const drill = await h
      .client(principals.guangdong)
      .assessment.ownResult.query({ runId, pilotAreaId: 'guangzhou' });
    expect(drill).toMatchObject({ total: 56.66, rank: 2, of: 3 });
    const other = await failure(
      h.client(principals.guangdong).assessment.ownResult.query({ runId, pilotAreaId: 'hainan' }),
    );
    expect(other.data.appCode).toBe('PILOT_AREA_NOT_FOUND');
    const neighbour = await failure(
      h.client(principals.guangzhou).assessment.ownResult.query({ runId, pilotAreaId: 'shenzhen' }),
    );
    expect(neighbour.data.appCode).toBe('NOT_YOUR_PILOT_AREA');
    const own = await h.client(principals.guangzhou).assessment.ownResults.query({});
    expect(own.runs[0]?.areas.map((a) => a.pilotAreaId)).toEqual(['guangzhou']);
    const hainan = await h.client(principals.hainan).assessment.ownResults.query({ round: 2020 });
    expect(hainan.runs[0]?.areas.map((a) => [a.pilotAreaId, a.rank])).toEqual([['hainan', 3]]);
    expect(
      (
        await failure(
          h.client(principals.guangdong).assessment.result.query({ runId, pilotAreaId: 'guangzhou' }),
        )
      ).data.appCode,
    ).toBe('ROLE_NOT_ALLOWED');
  });
});
