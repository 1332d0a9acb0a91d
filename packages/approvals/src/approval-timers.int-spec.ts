import { planSubmittedV1 } from '@tradepilot/contracts';
import { eventually } from '@tradepilot/testing';
import { randomUUID } from 'node:crypto';
import { ApprovalsHarness, failure, MovableClock, planTask, principals } from './test/approvals-harness';

const h = new ApprovalsHarness(new MovableClock(new Date('2026-03-02T02:00:00Z')));
const ministry = () => h.client(principals.ministry);
const guangdong = () => h.client(principals.guangdong);

beforeAll(() => h.start());
afterAll(() => h.close());

async function openPlanCase(): Promise<string> {
  const planId = randomUUID();
  await h.publish(
    planSubmittedV1,
    {
      planId,
      pilotAreaId: 'shenzhen',
      title: { 'zh-CN': '深圳市实施方案', en: 'Shenzhen plan' },
      submission: 1,
      submittedAt: h.clock.now().toISOString(),
      tasks: [planTask],
    },
    { tenant: 'guangdong', aggregateId: planId },
  );
  return caseFor(planId);
}

async function openReportCase(): Promise<string> {
  return caseFor(await h.submitReport('shenzhen', { 'zh-CN': '深圳市进展报告', en: 'Shenzhen report' }));
}

const caseFor = async (subjectId: string) =>
  (
    await eventually(
      async () => (await ministry().case.listOpen.query({})).find((c) => c.subject.id === subjectId),
      { description: `a case for ${subjectId}` },
    )
  ).id;

const sweeps = async () =>
  h.withDatabase(
    'national',
    async (db) =>
      (
        (await db.collection('scheduler_heartbeat').findOne({ _id: 'timers' as never })) as {
          sweeps?: number;
        } | null
      )?.sweeps ?? 0,
  );

/** Every event the case ever produced has reached the recorder (sequences 1..last, none missing). */
async function allEventsOf(caseId: string) {
  return eventually(
    async () => {
      const doc = (await h.withDatabase('guangdong', (db) =>
        db.collection('cases').findOne({ _id: caseId as never }),
      )) as unknown as {
        lastSequence: number;
        outbox: unknown[];
      };
      const last = doc.lastSequence;
      const seen = new Set(
        h.recorder.events.filter((e) => e.envelope?.aggregateId === caseId).map((e) => e.envelope?.sequence),
      );
      return (
        doc.outbox.length === 0 && seen.size === last && [...Array(last).keys()].every((i) => seen.has(i + 1))
      );
    },
    { description: `all events of ${caseId} recorded` },
  );
}

describe('reminders and escalations from stored due dates, with a moved clock and a restart', () => {
  let plan: string;
  let report: string;
  let late: string;

  it('computes due dates in working days and reminds once, before the due date', async () => {
    plan = await openPlanCase();
    report = await openReportCase();
    h.clock.set('2026-03-05T02:00:00Z');
    late = await openReportCase();
    const lateView = await guangdong().case.get.query({ caseId: late });
    expect(lateView.levels[0]?.steps[0]).toMatchObject({ dueOn: '2026-03-19' });

    h.clock.set('2026-03-12T02:00:00Z');
    for (const caseId of [plan, report]) {
      const reminder = await h.recorder.waitForEvent(
        'approval.reminder_due.v1',
        (e) => e.envelope?.aggregateId === caseId,
      );
      expect(reminder.envelope?.data).toMatchObject({
        remindAt: '2026-03-12T01:00:00.000Z',
        dueAt: '2026-03-16T16:00:00.000Z',
      });
    }
    expect(h.eventsOf('approval.reminder_due.v1', late)).toHaveLength(0);
  });

  it('a restart while timers are pending neither loses nor repeats a reminder or an escalation', async () => {
    await h.stopService();
    h.clock.set('2026-03-17T02:00:00Z'); // past the due date of the first two, the reminder time of the third
    await h.start();

    await h.recorder.waitForEvent('approval.escalated.v1', (e) => e.envelope?.aggregateId === plan);
    await h.recorder.waitForEvent('approval.escalated.v1', (e) => e.envelope?.aggregateId === report);
    await h.recorder.waitForEvent('approval.reminder_due.v1', (e) => e.envelope?.aggregateId === late);
    const after = await sweeps();
    await eventually(async () => (await sweeps()) >= after + 3, { description: 'three more sweeps' });
    for (const caseId of [plan, report, late]) await allEventsOf(caseId);

    expect([plan, report, late].map((c) => h.eventsOf('approval.reminder_due.v1', c).length)).toEqual([
      1, 1, 1,
    ]);
    expect([plan, report, late].map((c) => h.eventsOf('approval.escalated.v1', c).length)).toEqual([1, 1, 0]);
    expect(h.eventsOf('approval.escalated.v1', report)[0]?.envelope?.data).toMatchObject({
      approver: { role: 'province-officer', organisationId: 'guangdong' },
      escalatedTo: [{ role: 'ministry-officer', organisationId: 'mofcom' }],
    });
  });

  it('an overdue case is on the next level’s overdue list and in the national summary', async () => {
    const overdueList = await eventually(
      async () => {
        const page = await ministry().case.escalations.query({});
        return page.total >= 2 && page;
      },
      { description: 'the ministry overdue list' },
    );
    expect(overdueList.items.map((i) => i.caseId).sort()).toEqual([plan, report].sort());
    expect(overdueList.items.every((i) => i.overdue && i.escalated)).toBe(true);
    expect((await guangdong().case.escalations.query({})).total).toBe(0);
    expect((await guangdong().case.inbox.query({ overdue: true })).items.map((i) => i.caseId)).toEqual([
      report,
    ]);
    expect((await guangdong().case.inbox.query({ overdue: false })).items.map((i) => i.caseId)).toEqual([
      late,
    ]);
    expect(
      (await guangdong().case.inbox.query({ dueFrom: '2026-03-19', dueTo: '2026-03-19' })).items.map(
        (i) => i.caseId,
      ),
    ).toEqual([late]);

    const summary = await eventually(
      async () => {
        const s = await ministry().case.nationalSummary.query({});
        return s.openCases.total === 3 && s;
      },
      { description: 'the national summary counts the three open cases' },
    );
    expect(summary.openCases.byProvince).toEqual([{ tenant: 'guangdong', count: 3 }]);
    expect(summary.openCases.byAge).toEqual([
      { bucket: '0-5', count: 0 },
      { bucket: '6-10', count: 1 },
      { bucket: '11-20', count: 2 },
      { bucket: '21+', count: 0 },
    ]);
    expect(summary.overdueSteps).toMatchObject({ total: 2, byProvince: [{ tenant: 'guangdong', count: 2 }] });
    // counted per case type (FerretDB's $unwind drops every field but _id and the unwound one)
    expect([...summary.overdueSteps.byType].sort((a, b) => a.caseType.localeCompare(b.caseType))).toEqual([
      { caseType: 'plan', count: 1 },
      { caseType: 'report', count: 1 },
    ]);
    expect((await failure(guangdong().case.nationalSummary.query({}))).data).toMatchObject({
      code: 'FORBIDDEN',
    });

    await ministry().case.decide.mutate({ caseId: plan, decision: 'approve', version: 2 });
    await eventually(async () => (await ministry().case.nationalSummary.query({})).overdueSteps.total === 1, {
      description: 'the decided step leaves the overdue count',
    });
  });
});

describe('the holiday calendar is data operators load', () => {
  it('has the 2026 sample seeded; an operator loads a year; bad input changes nothing', async () => {
    const operator = h.client(principals.operator);
    expect(await operator.calendar.get.query({ year: 2026 })).toMatchObject({
      sample: true,
      workdays: expect.arrayContaining(['2026-10-10']),
    });
    const bad = await failure(
      operator.calendar.load.mutate({ year: 2027, holidays: ['2026-12-31'], workdays: [] }),
    );
    expect(bad.data).toMatchObject({ appCode: 'CALENDAR_DATE_OUTSIDE_YEAR' });
    expect((await failure(operator.calendar.get.query({ year: 2027 }))).data.appCode).toBe(
      'CALENDAR_NOT_FOUND',
    );
    const loaded = await operator.calendar.load.mutate({
      year: 2027,
      holidays: ['2027-01-01'],
      workdays: [],
    });
    expect(loaded).toMatchObject({ year: 2027, sample: false, version: 1, loadedBy: 'operator' });
    expect(
      (await failure(ministry().calendar.load.mutate({ year: 2027, holidays: [], workdays: [] }))).data.code,
    ).toBe('FORBIDDEN');
  });
});

describe('delegated administrative matters', () => {
  it('applications decided within and past the statutory limit show in province and national statistics', async () => {
    h.clock.set('2026-03-23T02:00:00Z');
    const levels = [
      {
        name: { 'zh-CN': '处室审核', en: 'Review' },
        steps: [
          {
            name: { 'zh-CN': '处室审核', en: 'Review' },
            role: 'province-officer' as const,
            workingDays: null,
          },
        ],
      },
    ];
    const matter = await ministry().matter.delegate.mutate({
      id: 'tech-export-licence',
      name: { 'zh-CN': '技术出口许可', en: 'Technology export licence' },
      legalBasis: '《技术进出口管理条例》',
      statutoryLimitDays: 5,
      decisionLevels: levels,
      provinces: ['guangdong', 'hainan'],
    });
    expect(matter.provinces).toEqual(['guangdong', 'hainan']);
    await h.client(principals.mct).matter.delegate.mutate({
      id: 'cultural-services',
      name: { 'zh-CN': '文化服务出口事项', en: 'Cultural services export' },
      legalBasis: '示例依据',
      statutoryLimitDays: 10,
      decisionLevels: levels,
      provinces: ['guangdong'],
    });
    expect((await h.client(principals.hainan).matter.list.query({})).map((m) => m.id)).toEqual([
      'tech-export-licence',
    ]);
    const notDelegated = await failure(
      h.client(principals.hainan).application.register.mutate({
        matterId: 'cultural-services',
        applicant: { name: '海口某公司' },
        receivedOn: '2026-03-23',
        documents: [{ title: '申请表' }],
      }),
    );
    expect(notDelegated.data).toMatchObject({ code: 'NOT_FOUND', appCode: 'MATTER_NOT_FOUND' });

    const register = (receivedOn: string) =>
      guangdong().application.register.mutate({
        matterId: 'tech-export-licence',
        applicant: { name: '广州某科技有限公司', creditCode: '91440101MA5ABCDE12' },
        receivedOn,
        documents: [{ title: '技术出口许可申请表' }, { title: '技术出口合同', reference: 'HT-2026-001' }],
      });
    const quick = await register('2026-03-23');
    const slow = await register('2026-03-23');
    const forgotten = await register('2026-03-16');
    expect([quick.dueOn, forgotten.dueOn]).toEqual(['2026-03-30', '2026-03-23']);

    const caseFor = (applicationId: string) =>
      eventually(
        async () =>
          (await guangdong().case.inbox.query({ caseTypes: ['admin-matter'], pageSize: 50 })).items.find(
            (i) => i.subject.id === applicationId,
          ),
        { description: `the admin-matter case of ${applicationId}` },
      );
    const quickCase = await caseFor(quick.id);
    expect(quickCase).toMatchObject({
      mayApprove: true,
      mayReject: true,
      mayReturn: false,
      nextDueAt: '2026-03-30T16:00:00.000Z',
    });
    const slowCase = await caseFor(slow.id);

    h.clock.set('2026-03-25T02:00:00Z');
    await guangdong().case.decide.mutate({
      caseId: quickCase.caseId,
      decision: 'approve',
      version: quickCase.version,
    });
    h.clock.set('2026-04-02T02:00:00Z');
    await guangdong().case.decide.mutate({
      caseId: slowCase.caseId,
      decision: 'reject',
      reason: '材料不符合要求',
      version: slowCase.version,
    });

    const decided = await eventually(
      async () => {
        const [a, b] = await Promise.all([
          guangdong().application.get.query({ applicationId: quick.id }),
          guangdong().application.get.query({ applicationId: slow.id }),
        ]);
        return a.status !== 'pending' && b.status !== 'pending' && [a, b];
      },
      { description: 'both applications decided' },
    );
    expect(decided.map((a) => [a.status, a.processingWorkingDays, a.withinStatutoryLimit])).toEqual([
      ['approved', 2, true],
      ['rejected', 8, false],
    ]);

    const expected = {
      matterId: 'tech-export-licence',
      applications: 3,
      decided: 2,
      medianProcessingDays: 2,
      p90ProcessingDays: 8,
      withinLimitShare: 0.5,
      overdueNow: 1,
    };
    const province = await guangdong().matter.statistics.query({});
    expect(province.byProvince[0]?.matters.find((m) => m.matterId === 'tech-export-licence')).toEqual(
      expected,
    );
    const national = await eventually(
      async () => {
        const stats = await ministry().matter.statistics.query({});
        const row = stats.national.find((m) => m.matterId === 'tech-export-licence');
        return row?.decided === 2 && stats;
      },
      { description: 'the national projection has both decisions' },
    );
    expect(national.national.find((m) => m.matterId === 'tech-export-licence')).toMatchObject(expected);
    const summary = await ministry().case.nationalSummary.query({});
    expect(summary.adminMatters.national.find((m) => m.matterId === 'tech-export-licence')).toMatchObject({
      ...expected,
      name: { 'zh-CN': '技术出口许可', en: 'Technology export licence' },
    });
    expect(summary.adminMatters.byProvince.map((p) => p.tenant)).toEqual(['guangdong']);
    expect((await h.client(principals.hainan).matter.statistics.query({})).byProvince[0]?.matters).toEqual(
      [],
    );
  });
});
