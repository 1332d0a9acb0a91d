import { planApprovedV1, supervisionTopics, type EventData, type PlanTask } from '@tradepilot/contracts';
import type { Principal } from '@tradepilot/auth';
import { EventRecorder, untilPasses } from '@tradepilot/test-stack';
import { eventually } from '@tradepilot/testing';
import {
  approvedPlan,
  failure,
  MovableClock,
  planTask,
  principals,
  SupervisionHarness,
} from '../test/supervision-harness';

// Wednesday 29 April 2026, 10:00 in Beijing: May Day (1–5 May) falls inside the first SLA
const h = new SupervisionHarness(new MovableClock(new Date('2026-04-29T02:00:00Z')));
const mct: Principal = {
  userId: 'mct-liaison',
  tenant: null,
  roles: ['department-liaison'],
  organisationId: 'mct',
};
const area = () => h.client(principals.guangzhou);
const shenzhen = () => h.client(principals.shenzhen);
const province = () => h.client(principals.guangdong);
const zhejiang = () => h.client(principals.zhejiang);
const ministry = () => h.client(principals.ministry);
const safe = () => h.client(principals.safe);
const otherDepartment = () => h.client(mct);
let recorder: EventRecorder;

const approval = (pilotAreaId: string, tasks: PlanTask[]): EventData<typeof planApprovedV1> =>
  approvedPlan({
    pilotAreaId,
    tasks,
    measureCoverage: { applicable: 2, covered: 2, percent: 100 },
    // the catalog names SAFE for the cross-border payments measure, no department for M-1-01
    measureDepartments: [
      { measureId: 'M-1-01', departmentIds: [] },
      { measureId: 'M-2-01', departmentIds: ['safe'] },
    ],
    approvedAt: '2026-01-15T02:00:00.000Z',
  });

const issueText = {
  category: 'regulation-adjustment' as const,
  title: {
    'zh-CN': '跨境支付需调整外汇管理规定',
    en: 'Cross-border payments need a foreign-exchange rule adjusted',
  },
  description: {
    'zh-CN': '服务贸易企业跨境收付汇单笔限额过低，需国家外汇管理局调整规定',
    en: 'The per-payment limit is too low for service exporters',
  },
};

const issueEvents = (type: string, id: string) =>
  recorder.ofType(type, (e) => e.envelope?.aggregateId === id);

beforeAll(async () => {
  await h.start();
  recorder = new EventRecorder(h.topicPrefix);
  await recorder.start([supervisionTopics.issue]);
  const tasks = [planTask('t1', ['M-1-01']), planTask('t2', ['M-2-01'])];
  await h.publishApproval(approval('guangzhou', tasks));
  await h.publishApproval(approval('hainan', tasks), 'hainan');
  await h.untilInForce([{ pilotAreaId: 'guangzhou' }, { pilotAreaId: 'hainan', reader: principals.hainan }]);
});
afterAll(async () => {
  await recorder?.stop();
  await h.close();
});

let issueId = '';

describe('key issues: routing up to a department, the liaison, isolation, SLA escalation', () => {
  it('refuses a bad issue in both languages and writes nothing', async () => {
    const unlinked = await failure(
      area().keyIssue.raise.mutate({ ...issueText, pilotAreaId: 'guangzhou', taskIds: [], measureIds: [] }),
    );
    expect(unlinked.data.appCode).toBe('KEY_ISSUE_LINKS_REQUIRED');
    expect(unlinked.data.messages['zh-CN']).toContain('请至少关联一项实施方案任务或一条举措');
    const unknownTask = await failure(
      area().keyIssue.raise.mutate({ ...issueText, pilotAreaId: 'guangzhou', taskIds: ['t9'] }),
    );
    expect(unknownTask.data.appCode).toBe('KEY_ISSUE_TASKS_UNKNOWN');
    expect(unknownTask.data.messages.en).toContain('taskIds: tasks t9 are not in the plan in force');
    const unplannedMeasure = await failure(
      area().keyIssue.raise.mutate({ ...issueText, pilotAreaId: 'guangzhou', measureIds: ['M-8-99'] }),
    );
    expect(unplannedMeasure.data.messages['zh-CN']).toContain('举措 M-8-99 未被已生效实施方案的任何任务对应');
    const badCategory = await failure(
      area().keyIssue.raise.mutate({
        ...issueText,
        category: 'urgent' as never,
        title: { 'zh-CN': '', en: 'x' },
        pilotAreaId: 'guangzhou',
        taskIds: ['t1'],
      }),
    );
    expect(badCategory.data.appCode).toBe('VALIDATION_FAILED');
    expect(badCategory.data.messages['zh-CN']).toContain('问题类别须为');
    expect(badCategory.data.messages['zh-CN']).toContain('请填写中文标题');
    const otherArea = await failure(
      shenzhen().keyIssue.raise.mutate({ ...issueText, pilotAreaId: 'guangzhou', taskIds: ['t1'] }),
    );
    expect(otherArea.data.appCode).toBe('NOT_YOUR_PILOT_AREA');
    expect(await province().keyIssue.list.query({})).toEqual([]);
  });

  it('raised by the area, held by the province with an SLA over May Day; the province passes it up', async () => {
    const raised = await area().keyIssue.raise.mutate({
      ...issueText,
      pilotAreaId: 'guangzhou',
      taskIds: ['t2'],
    });
    issueId = raised.keyIssueId;
    expect(raised).toMatchObject({
      version: 1,
      status: 'open',
      raisedBy: { level: 'pilot-area', organisationIds: ['guangzhou'] },
      holder: { level: 'province', organisationIds: ['guangdong'] },
      departmentIds: ['safe'],
      // 5 working days: 30 April, 6, 7, 8 and Saturday 9 May (worked)
      slaDueAt: '2026-05-09T16:00:00.000Z',
      nextHolder: { level: 'ministry', organisationIds: ['mofcom'] },
      mayAnswer: false,
      mayPassUp: false,
    });
    const notHolder = await failure(
      area().keyIssue.answer.mutate({ keyIssueId: issueId, version: 1, answer: '自己答复' }),
    );
    expect(notHolder.data.appCode).toBe('KEY_ISSUE_NOT_HOLDER');
    expect(notHolder.data.messages['zh-CN']).toContain('省级商务主管部门办理');
    expect((await province().keyIssue.get.query({ keyIssueId: issueId })).mayPassUp).toBe(true);
    const passed = await province().keyIssue.passUp.mutate({
      keyIssueId: issueId,
      version: 1,
      reason: '涉及外汇管理规定调整，超出省级权限',
    });
    expect(passed).toMatchObject({ version: 2, holder: { level: 'ministry' }, mayPassUp: false });
    const stale = await failure(
      province().keyIssue.resolve.mutate({ keyIssueId: issueId, version: 1, resolution: '已办结' }),
    );
    expect(stale.data.appCode).toBe('KEY_ISSUE_NOT_HOLDER');
    // another province: not found, with a real id
    const elsewhere = await failure(zhejiang().keyIssue.get.query({ keyIssueId: issueId }));
    expect(elsewhere.data.appCode).toBe('KEY_ISSUE_NOT_FOUND');
    const elsewhereAct = await failure(
      zhejiang().keyIssue.passUp.mutate({ keyIssueId: issueId, version: 2, reason: '越权操作' }),
    );
    expect(elsewhereAct.data.appCode).toBe('KEY_ISSUE_NOT_FOUND');
  });

  it('the ministry routes it to the department of its measure; only that liaison sees and answers it', async () => {
    await eventually(
      async () => (await ministry().keyIssue.ministryInbox.query({})).some((i) => i.keyIssueId === issueId),
      { description: "the issue in the ministry's inbox" },
    );
    const stale = await failure(
      ministry().keyIssue.ministryPassUp.mutate({ keyIssueId: issueId, version: 1, reason: '请外汇局答复' }),
    );
    expect(stale.data.appCode).toBe('VERSION_CONFLICT');
    const unknown = await failure(
      ministry().keyIssue.ministryPassUp.mutate({
        keyIssueId: issueId,
        version: 2,
        reason: '请答复',
        departmentIds: ['nosuch'],
      }),
    );
    expect(unknown.data.appCode).toBe('DEPARTMENTS_UNKNOWN');
    const routed = await ministry().keyIssue.ministryPassUp.mutate({
      keyIssueId: issueId,
      version: 2,
      reason: '涉及外汇管理，请国家外汇管理局答复',
    });
    expect(routed).toMatchObject({ version: 3, holder: { level: 'department', organisationIds: ['safe'] } });

    const inbox = await eventually(
      async () => {
        const rows = await safe().keyIssue.departmentInbox.query({});
        return rows.some((r) => r.keyIssueId === issueId) ? rows : undefined;
      },
      { description: "the issue in SAFE's inbox" },
    );
    expect(inbox.find((r) => r.keyIssueId === issueId)).toMatchObject({
      province: 'guangdong',
      status: 'open',
    });
    // the liaison of another department sees nothing and reaches nothing
    expect(await otherDepartment().keyIssue.departmentInbox.query({ held: 'ever' })).toEqual([]);
    expect(
      (await failure(otherDepartment().keyIssue.departmentGet.query({ keyIssueId: issueId }))).data.appCode,
    ).toBe('KEY_ISSUE_NOT_FOUND');
    expect(
      (
        await failure(
          otherDepartment().keyIssue.departmentAnswer.mutate({
            keyIssueId: issueId,
            version: 3,
            answer: '越权答复',
          }),
        )
      ).data.appCode,
    ).toBe('KEY_ISSUE_NOT_FOUND');

    const seen = await safe().keyIssue.departmentGet.query({ keyIssueId: issueId });
    expect(seen).toMatchObject({
      province: 'guangdong',
      mayAnswer: true,
      mayResolve: true,
      mayPassUp: false,
    });
    const answered = await safe().keyIssue.departmentAnswer.mutate({
      keyIssueId: issueId,
      version: 3,
      answer: '正在会同有关部门研究，拟于下季度出台便利化措施',
    });
    expect(answered).toMatchObject({ status: 'answered', slaDueAt: null });
    const resolved = await safe().keyIssue.departmentResolve.mutate({
      keyIssueId: issueId,
      version: 4,
      resolution: '已同意在试点地区提高单笔限额',
    });
    expect(resolved).toMatchObject({ status: 'resolved', resolvedBy: { level: 'department' } });
  });

  it('the originator reopens the resolution once, with a reason; a second reopen is refused', async () => {
    expect(
      (
        await failure(
          province().keyIssue.reopen.mutate({ keyIssueId: issueId, version: 5, reason: '不满意' }),
        )
      ).data.appCode,
    ).toBe('KEY_ISSUE_NOT_ORIGINATOR');
    const reopened = await area().keyIssue.reopen.mutate({
      keyIssueId: issueId,
      version: 5,
      reason: '答复未涉及跨境支付限额问题，请进一步研究',
    });
    expect(reopened).toMatchObject({
      status: 'open',
      reopened: 1,
      holder: { level: 'department', organisationIds: ['safe'] },
    });
    await safe().keyIssue.departmentResolve.mutate({
      keyIssueId: issueId,
      version: 6,
      resolution: '已补充答复',
    });
    const again = await failure(
      area().keyIssue.reopen.mutate({ keyIssueId: issueId, version: 7, reason: '仍不满意' }),
    );
    expect(again.data.appCode).toBe('KEY_ISSUE_REOPENED_ALREADY');
    expect(again.data.messages['zh-CN']).toContain('不能再次重新开启');
    const history = await province().keyIssue.audit.query({ keyIssueId: issueId });
    expect(history.map((l) => [l.version, l.action, l.userId])).toEqual([
      [1, 'raised', 'guangzhou-officer'],
      [2, 'passed-up', 'guangdong-province'],
      [3, 'passed-up', 'mofcom-officer'],
      [4, 'answered', 'safe-liaison'],
      [5, 'resolved', 'safe-liaison'],
      [6, 'reopened', 'guangzhou-officer'],
      [7, 'resolved', 'safe-liaison'],
    ]);
    expect(history[5]?.reason).toBe('答复未涉及跨境支付限额问题，请进一步研究');
    // the issue document holds no trail of its own (current, or resolved once its event is out)
    const stored = await h.withDatabase(
      'guangdong',
      async (db) =>
        (await db.collection('key_issues').findOne({ _id: issueId as never })) ??
        db.collection('resolved_key_issues').findOne({ _id: issueId as never }),
    );
    expect(stored).toMatchObject({ version: 7, status: 'resolved' });
    expect(Object.keys(stored ?? {})).not.toContain('history');
  });

  it('a dual-role government goes straight to the ministry', async () => {
    const raised = await h.client(principals.hainan).keyIssue.raise.mutate({
      ...issueText,
      category: 'funding',
      pilotAreaId: 'hainan',
      measureIds: ['M-1-01'],
    });
    expect(raised).toMatchObject({
      raisedBy: { level: 'pilot-area', organisationIds: ['hainan'] },
      holder: { level: 'ministry', organisationIds: ['mofcom'] },
      province: 'hainan',
    });
  });

  it('an unanswered SLA escalates by itself, exactly once, across a restart of the scheduler', async () => {
    const raised = await area().keyIssue.raise.mutate({
      ...issueText,
      category: 'cross-department-coordination',
      pilotAreaId: 'guangzhou',
      taskIds: ['t1'],
    });
    const id = raised.keyIssueId;
    expect(raised.slaDueAt).toBe('2026-05-09T16:00:00.000Z');
    h.clock.set('2026-05-10T01:00:00Z');
    const escalated = await eventually(
      async () => {
        const now = await province().keyIssue.get.query({ keyIssueId: id });
        return now.holder.level === 'ministry' ? now : undefined;
      },
      { description: 'escalated to the ministry' },
    );
    expect(escalated.history.map((l) => [l.action, l.userId])).toEqual([
      ['raised', 'guangzhou-officer'],
      ['escalated', 'system:supervision'],
    ]);
    await h.service?.stop();
    await h.start();
    // the ministry is the top of this issue's chain (M-1-01 has no department): its SLA passing flags it
    h.clock.set('2026-05-25T01:00:00Z');
    await eventually(async () => (await province().keyIssue.get.query({ keyIssueId: id })).flagged, {
      description: 'flagged at the top after the restart',
    });
    await eventually(() => issueEvents('issue.escalated.v1', id).length >= 2, {
      description: 'both escalations published',
    });
    await recorder.waitUntilCaughtUp();
    const escalations = issueEvents('issue.escalated.v1', id).map((e) => e.envelope?.data);
    expect(escalations).toEqual([
      expect.objectContaining({
        holder: { level: 'province', organisationIds: ['guangdong'] },
        escalatedTo: { level: 'ministry', organisationIds: ['mofcom'] },
        dueAt: '2026-05-09T16:00:00.000Z',
      }),
      expect.objectContaining({
        final: true,
        escalatedTo: { level: 'ministry', organisationIds: ['mofcom'] },
      }),
    ]);
    // the resolved issue never escalates
    expect(issueEvents('issue.escalated.v1', issueId)).toHaveLength(0);
  });

  it('counts per province and nationally, the national ones from supervision_national', async () => {
    const counts = await province().keyIssue.counts.query({});
    expect(counts.totals).toMatchObject({
      total: 2,
      open: 1,
      overdue: 1,
      byStatus: { open: 1, answered: 0, resolved: 1 },
      byHolder: { ministry: 1 },
      byCategory: { 'regulation-adjustment': 1, 'cross-department-coordination': 1 },
    });
    const national = await eventually(
      async () => {
        const n = await ministry().keyIssue.nationalCounts.query({});
        return n.totals.total === 3 && n.byProvince['hainan']?.overdue === 1 ? n : undefined;
      },
      { description: 'national counts from the index' },
    );
    // Hainan's issue passed the ministry's SLA too (10 working days from 29 April) and was flagged
    expect(national.byProvince['hainan']).toMatchObject({ total: 1, overdue: 1, byHolder: { ministry: 1 } });
    // the wait above counts raised issues; the first issue's later resolution reaches the index by
    // its own events: read the summary until it holds
    await untilPasses(
      async () => {
        const summary = await ministry().implementation.nationalSummary.query({});
        expect(summary.openKeyIssues).toMatchObject({ open: 2, overdue: 2 });
      },
      { description: 'the open key issues in the national summary' },
    );
  });
});
