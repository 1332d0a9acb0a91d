import { planSubmittedV1, practiceSubmittedV1 } from '@tradepilot/contracts';
import { eventually } from '@tradepilot/testing';
import { randomUUID } from 'node:crypto';
import { ApprovalsHarness, failure, MovableClock, planTask, principals } from './test/approvals-harness';

const h = new ApprovalsHarness(new MovableClock(new Date('2026-03-02T02:00:00Z')));
const ministry = () => h.client(principals.ministry);
const mct = () => h.client(principals.mct);
const safe = () => h.client(principals.safe);
const guangdong = () => h.client(principals.guangdong);
const hainan = () => h.client(principals.hainan);

async function submitPlan(planId: string, submission: number, departments?: string[]) {
  return h.publish(
    planSubmittedV1,
    {
      planId,
      pilotAreaId: 'guangzhou',
      title: { 'zh-CN': `广州市实施方案 ${planId.slice(0, 4)}`, en: 'Guangzhou plan' },
      submission,
      submittedAt: h.clock.now().toISOString(),
      tasks: [planTask],
      ...(departments ? { responsibleDepartments: departments } : {}),
    },
    { tenant: 'guangdong', aggregateId: planId, sequence: submission, actor: principals.guangdong },
  );
}

const caseOf = (planId: string, submission = 1) =>
  eventually(
    async () =>
      (await ministry().case.listOpen.query({})).find(
        (c) => c.subject.id === planId && c.subject.version === submission,
      ),
    { description: `the case of plan ${planId} submission ${submission}` },
  );

beforeAll(() => h.start());
afterAll(() => h.close());

describe('plan cases', () => {
  it('a plan without departments goes to the ministry, who approves it; the outcome event tells plans', async () => {
    const planId = randomUUID();
    await submitPlan(planId, 1);
    const opened = await caseOf(planId);
    const view = await ministry().case.get.query({ caseId: opened.id });
    expect(view).toMatchObject({
      caseType: 'plan',
      level: 1,
      version: 1,
      mayApprove: true,
      mayReturn: true,
      mayReject: true,
      mayReturnToPrevious: false,
    });
    expect(view.levels.map((l) => l.key)).toEqual(['ministry-approval']);
    expect(view.levels[0]?.steps[0]).toMatchObject({
      dueOn: '2026-03-16',
      approver: { role: 'ministry-officer', organisationId: 'mofcom' },
    });

    const decided = await ministry().case.decide.mutate({
      caseId: opened.id,
      decision: 'approve',
      version: 1,
    });
    expect(decided).toMatchObject({
      status: 'approved',
      lockedLevels: [1],
      mayApprove: false,
      blockedBy: 'CASE_ALREADY_DECIDED',
    });
    const completed = await h.recorder.waitForEvent(
      'approval.case_completed.v1',
      (e) => e.envelope?.aggregateId === opened.id,
    );
    expect(completed.envelope?.data).toMatchObject({
      outcome: 'approved',
      level: 1,
      reason: null,
      subject: { service: 'plans', type: 'plan', id: planId, version: 1 },
    });

    const twice = await failure(
      ministry().case.decide.mutate({ caseId: opened.id, decision: 'approve', version: 2 }),
    );
    expect(twice.data).toMatchObject({ code: 'CONFLICT', appCode: 'CASE_ALREADY_DECIDED' });
    expect(twice.data.messages['zh-CN']).toContain('已办结');
  });

  it('a redelivered submission opens nothing new; a resubmission opens a new case linked to the previous one', async () => {
    const planId = randomUUID();
    const first = await submitPlan(planId, 1);
    const opened = await caseOf(planId);
    await ministry().case.decide.mutate({
      caseId: opened.id,
      decision: 'return',
      reason: '请补充数字贸易任务的指标',
      version: 1,
    });
    const returned = await h.recorder.waitForEvent(
      'approval.case_completed.v1',
      (e) => e.envelope?.aggregateId === opened.id,
    );
    expect(returned.envelope?.data).toMatchObject({
      outcome: 'returned',
      reason: '请补充数字贸易任务的指标',
    });

    await h.send(planSubmittedV1.topic, first); // the same envelope again, on the same partition as what follows
    await submitPlan(planId, 2);
    const second = await eventually(
      async () =>
        (await ministry().case.listOpen.query({})).find(
          (c) => c.subject.id === planId && c.subject.version === 2,
        ),
      { description: 'the resubmission opens a case' },
    );
    expect(second.previousCaseId).toBe(opened.id);
    expect((await ministry().case.get.query({ caseId: second.id })).previousCaseId).toBe(opened.id);
    // the returned case may have moved to decided_cases already: a plan's cases are in the two
    const casesOfPlan = await h.withDatabase(
      'guangdong',
      async (db) =>
        (await db.collection('cases').countDocuments({ 'subject.id': planId })) +
        (await db.collection('decided_cases').countDocuments({ 'subject.id': planId })),
    );
    expect(casesOfPlan).toBe(2);
    expect(
      h.recorder.ofType(
        'approval.case_opened.v1',
        (e) => (e.envelope?.data['subject'] as { id: string }).id === planId,
      ),
    ).toHaveLength(2);
  });

  it('departments named in the plan are consulted in parallel; both must approve before the ministry decides', async () => {
    const planId = randomUUID();
    await submitPlan(planId, 1, ['mct', 'safe', 'unknown-dept']);
    const { id: caseId } = await caseOf(planId);
    const atStart = await ministry().case.get.query({ caseId });
    expect(atStart.levels.map((l) => l.steps.map((s) => s.approver.organisationId))).toEqual([
      ['mct', 'safe'],
      ['mofcom'],
    ]);
    expect(atStart).toMatchObject({ mayApprove: false, blockedBy: 'STEP_NOT_YET_ACTIVE' });

    const early = await failure(ministry().case.decide.mutate({ caseId, decision: 'approve', version: 1 }));
    expect(early.data.appCode).toBe('STEP_NOT_YET_ACTIVE');

    expect(await mct().case.inbox.query({})).toMatchObject({
      total: 1,
      items: [{ caseId, mayApprove: true, mayReturn: true, mayReject: false }],
    });
    await mct().case.decide.mutate({ caseId, decision: 'approve', version: 1 });
    expect(
      (await failure(mct().case.decide.mutate({ caseId, decision: 'approve', version: 2 }))).data.appCode,
    ).toBe('STEP_ALREADY_DECIDED');
    // safe decides on the version it read before mct's decision: a parallel step, not a conflict
    const afterBoth = await safe().case.decide.mutate({ caseId, decision: 'approve', version: 1 });
    expect(afterBoth).toMatchObject({ level: 2, lockedLevels: [1] });
    expect(
      (await failure(mct().case.decide.mutate({ caseId, decision: 'approve', version: 3 }))).data.appCode,
    ).toBe('LEVEL_LOCKED');

    const noReason = await failure(
      ministry().case.decide.mutate({ caseId, decision: 'returnToPrevious', version: 3 }),
    );
    expect(noReason.data).toMatchObject({ code: 'BAD_REQUEST', appCode: 'REASON_REQUIRED' });
    const before = await ministry().case.get.query({ caseId });
    expect(before).toMatchObject({ version: 3, mayReturnToPrevious: true });

    const sentBack = await ministry().case.decide.mutate({
      caseId,
      decision: 'returnToPrevious',
      reason: '请文旅部补充意见',
      version: 3,
    });
    expect(sentBack).toMatchObject({ level: 1, status: 'open', lockedLevels: [] });
    expect(sentBack.levels[0]?.steps.map((s) => s.status)).toEqual(['active', 'active']);
    const back = await h.recorder.waitForEvent(
      'approval.step_decided.v1',
      (e) => e.envelope?.aggregateId === caseId && e.envelope.data['action'] === 'return_to_previous',
    );
    expect(back.envelope?.data).toMatchObject({
      level: 2,
      reason: '请文旅部补充意见',
      decidedBy: 'mofcom-officer',
      lockedLevels: [],
    });

    await mct().case.decide.mutate({ caseId, decision: 'approve', version: 4 });
    await safe().case.decide.mutate({ caseId, decision: 'approve', version: 5 });
    const rejected = await ministry().case.decide.mutate({
      caseId,
      decision: 'reject',
      reason: '与总体方案不符',
      version: 6,
    });
    expect(rejected.status).toBe('rejected');
    expect(rejected.decisions.map((d) => [d.level, d.decision, d.decidedBy])).toEqual([
      [1, 'approve', 'mct-liaison'],
      [1, 'approve', 'safe-liaison'],
      [2, 'returnToPrevious', 'mofcom-officer'],
      [1, 'approve', 'mct-liaison'],
      [1, 'approve', 'safe-liaison'],
      [2, 'reject', 'mofcom-officer'],
    ]);
    const completed = await h.recorder.waitForEvent(
      'approval.case_completed.v1',
      (e) => e.envelope?.aggregateId === caseId,
    );
    expect(completed.envelope?.data).toMatchObject({
      outcome: 'rejected',
      reason: '与总体方案不符',
      level: 2,
    });
  });

  it('two departments deciding at the same moment both count; the level completes once', async () => {
    const planId = randomUUID();
    await submitPlan(planId, 1, ['mct', 'safe']);
    const { id: caseId } = await caseOf(planId);
    const [a, b] = await Promise.all([
      mct().case.decide.mutate({ caseId, decision: 'approve', version: 1 }),
      safe().case.decide.mutate({ caseId, decision: 'approve', version: 1 }),
    ]);
    expect([a.version, b.version].sort()).toEqual([2, 3]);
    const after = await ministry().case.get.query({ caseId });
    expect(after).toMatchObject({ version: 3, level: 2, lockedLevels: [1], mayApprove: true });
    expect(after.decisions.map((d) => d.decidedBy).sort()).toEqual(['mct-liaison', 'safe-liaison']);
  });

  it('another province cannot see or act on the case: NOT_FOUND and nothing changes', async () => {
    const planId = randomUUID();
    await submitPlan(planId, 1);
    const { id: caseId } = await caseOf(planId);
    // once the relay has published the opening event: draining the outbox is not a change by
    // anyone, and under load it can land in the middle of this test
    const before = await eventually(
      () =>
        h
          .withDatabase('guangdong', (db) => db.collection('cases').findOne({ _id: caseId as never }))
          .then((doc) => (doc && (doc['outbox'] as unknown[] | undefined)?.length === 0 ? doc : undefined)),
      { description: `case ${caseId} with its outbox drained` },
    );

    const read = await failure(hainan().case.get.query({ caseId }));
    expect(read.data).toMatchObject({ code: 'NOT_FOUND', appCode: 'CASE_NOT_FOUND' });
    expect(JSON.stringify(read.data)).not.toContain('广州市实施方案');
    const act = await failure(hainan().case.decide.mutate({ caseId, decision: 'approve', version: 1 }));
    expect(act.data).toMatchObject({ code: 'NOT_FOUND', appCode: 'CASE_NOT_FOUND' });
    const bulk = await hainan().case.bulkDecide.mutate({
      decision: 'approve',
      items: [{ caseId, version: 1 }],
    });
    expect(bulk).toMatchObject({
      succeeded: 0,
      failed: 1,
      items: [{ caseId, ok: false, error: { appCode: 'CASE_NOT_FOUND' } }],
    });
    expect((await hainan().case.inbox.query({ provinces: ['guangdong'] })).items).toEqual([]);
    // a liaison with no step in it does not see it either
    expect((await failure(mct().case.get.query({ caseId }))).data.appCode).toBe('CASE_NOT_FOUND');

    const after = await h.withDatabase('guangdong', (db) =>
      db.collection('cases').findOne({ _id: caseId as never }),
    );
    expect(after).toEqual(before);
    // the province's officer holds no step of a plan case: a typed refusal, nothing changed
    const notYours = await failure(
      guangdong().case.decide.mutate({ caseId, decision: 'approve', version: 1 }),
    );
    expect(notYours.data).toMatchObject({ code: 'FORBIDDEN', appCode: 'NOT_YOUR_STEP' });
    expect(
      await h.withDatabase('guangdong', (db) => db.collection('cases').findOne({ _id: caseId as never })),
    ).toEqual(before);
    // the province's own officer and the originating pilot area see it, without the right to act
    expect(await guangdong().case.get.query({ caseId })).toMatchObject({
      id: caseId,
      mayApprove: false,
      blockedBy: 'NOT_YOUR_STEP',
    });
    expect(await h.client(principals.guangzhou).case.get.query({ caseId })).toMatchObject({
      id: caseId,
      mayApprove: false,
    });
  });
});

describe('inputs', () => {
  it('rejects unknown fields and bad values at every level, naming the field in both languages', async () => {
    const unknown = await failure(
      ministry().case.decide.mutate({
        caseId: randomUUID(),
        decision: 'approve',
        version: 1,
        surprise: 1,
      } as never),
    );
    expect(unknown.data).toMatchObject({ code: 'BAD_REQUEST', appCode: 'VALIDATION_FAILED' });
    const nested = await failure(
      guangdong().case.bulkDecide.mutate({
        decision: 'approve',
        items: [{ caseId: randomUUID(), version: 1, extra: true }],
      } as never),
    );
    expect(nested.data.issues?.[0]?.path).toBe('items.0');
    const badId = await failure(ministry().case.get.query({ caseId: 'not-a-uuid' }));
    expect(badId.data.messages).toEqual({
      'zh-CN': expect.stringContaining('UUID'),
      en: expect.stringContaining('caseId'),
    });
    const operator = await failure(ministry().case.get.query({ caseId: { $ne: null } } as never));
    expect(operator.data.appCode).toBe('VALIDATION_FAILED');
  });
});

describe('report cases, bulk decisions and delegation', () => {
  const submitReport = () =>
    h.submitReport('guangzhou', { 'zh-CN': '广州市一季度进展报告', en: 'Guangzhou Q1 report' });

  it('the province bulk-accepts reports; each item succeeds or fails on its own, with the reason', async () => {
    const reports = [await submitReport(), await submitReport(), await submitReport()];
    const inbox = await eventually(
      async () => {
        const page = await guangdong().case.inbox.query({ caseTypes: ['report'], pageSize: 50 });
        const mine = page.items.filter((i) => reports.includes(i.subject.id));
        return mine.length === 3 && mine;
      },
      { description: 'three reports in the province inbox' },
    );
    expect(inbox.every((i) => i.mayApprove && i.level === 1)).toBe(true);
    const [a, b, c] = inbox as [(typeof inbox)[number], (typeof inbox)[number], (typeof inbox)[number]];

    const result = await guangdong().case.bulkDecide.mutate({
      decision: 'approve',
      items: [
        { caseId: a.caseId, version: a.version },
        { caseId: b.caseId, version: b.version + 5 },
        { caseId: c.caseId, version: c.version },
      ],
    });
    expect(result).toMatchObject({ succeeded: 2, failed: 1 });
    expect(result.items.map((i) => [i.caseId, i.ok, i.error?.appCode ?? null])).toEqual([
      [a.caseId, true, null],
      [b.caseId, false, 'VERSION_CONFLICT'],
      [c.caseId, true, null],
    ]);
    expect(result.items[1]?.error?.messages['zh-CN']).toContain('已被他人更新');
    expect((await guangdong().case.get.query({ caseId: b.caseId })).status).toBe('open');
    for (const id of [a.caseId, c.caseId]) {
      const decided = await h.recorder.waitForEvent(
        'approval.step_decided.v1',
        (e) => e.envelope?.aggregateId === id,
      );
      expect(decided.envelope?.data).toMatchObject({ decidedBy: 'guangdong-province', action: 'approve' });
    }

    const returned = await guangdong().case.bulkDecide.mutate({
      decision: 'return',
      items: [{ caseId: b.caseId, version: b.version }],
    });
    expect(returned.items[0]).toMatchObject({ ok: false, error: { appCode: 'REASON_REQUIRED' } });
    const withReason = await guangdong().case.bulkDecide.mutate({
      decision: 'return',
      reason: '数据不完整',
      items: [{ caseId: b.caseId, version: b.version }],
    });
    expect(withReason.items[0]).toMatchObject({ ok: true, status: 'returned' });

    // bulk is its own permission: a liaison may decide a step but not in bulk
    const liaison = await failure(
      mct().case.bulkDecide.mutate({ decision: 'approve', items: [{ caseId: a.caseId, version: 1 }] }),
    );
    expect(liaison.data).toMatchObject({ code: 'FORBIDDEN', appCode: 'ROLE_NOT_ALLOWED' });
  });

  it('in a dual-role government the ministry reviews the report: no organisation reviews its own', async () => {
    const reportId = await h.submitReport(
      'hainan',
      { 'zh-CN': '海南省一季度进展报告', en: 'Hainan Q1 report' },
      'hainan',
    );
    const item = await eventually(
      async () =>
        (await ministry().case.inbox.query({ caseTypes: ['report'], pageSize: 50 })).items.find(
          (i) => i.subject.id === reportId,
        ),
      { description: "the Hainan report in the ministry's inbox" },
    );
    expect(item).toMatchObject({ mayApprove: true, level: 1 });
    const own = await h.client(principals.hainan).case.inbox.query({ caseTypes: ['report'], pageSize: 50 });
    expect(own.items.map((i) => i.subject.id)).not.toContain(reportId);
  });

  it('a delegate acts for the officer only within the window, recorded as acting for them', async () => {
    const deputy = () => h.client(principals.mofcomDeputy);
    const planId = randomUUID();
    await submitPlan(planId, 1);
    const { id: caseId } = await caseOf(planId);

    const window = await ministry().delegation.set.mutate({
      delegateUserId: 'mofcom-deputy',
      from: '2026-03-09',
      until: '2026-03-13',
      reason: '出差',
    });
    expect(window).toMatchObject({ activeToday: false, role: 'ministry-officer', organisationId: 'mofcom' });
    const set = await h.recorder.waitForEvent(
      'approval.delegation_set.v1',
      (e) => e.envelope?.aggregateId === window.id,
    );
    expect(set.envelope?.data).toMatchObject({
      delegatorUserId: 'mofcom-officer',
      delegateUserId: 'mofcom-deputy',
      from: '2026-03-09',
    });
    const overlap = await failure(
      ministry().delegation.set.mutate({
        delegateUserId: 'someone',
        from: '2026-03-12',
        until: '2026-03-20',
      }),
    );
    expect(overlap.data.appCode).toBe('DELEGATION_OVERLAPS');

    expect((await deputy().case.inbox.query({})).items.find((i) => i.caseId === caseId)).toBeUndefined();
    expect(
      (await failure(deputy().case.decide.mutate({ caseId, decision: 'approve', version: 1 }))).data.appCode,
    ).toBe('CASE_NOT_FOUND');

    h.clock.set('2026-03-10T02:00:00Z');
    const during = (await deputy().case.inbox.query({ pageSize: 100 })).items.find(
      (i) => i.caseId === caseId,
    );
    expect(during).toMatchObject({ mayApprove: true, actingForUserId: 'mofcom-officer' });
    const decided = await deputy().case.decide.mutate({ caseId, decision: 'approve', version: 1 });
    expect(decided.decisions.at(-1)).toMatchObject({
      decidedBy: 'mofcom-deputy',
      actingForUserId: 'mofcom-officer',
      actingRole: 'ministry-officer',
    });
    const event = await h.recorder.waitForEvent(
      'approval.step_decided.v1',
      (e) => e.envelope?.aggregateId === caseId,
    );
    expect(event.envelope).toMatchObject({
      actor: { userId: 'mofcom-deputy', role: 'ministry-officer', actingForUserId: 'mofcom-officer' },
    });

    const nextPlan = randomUUID();
    await submitPlan(nextPlan, 1);
    const { id: nextCase } = await caseOf(nextPlan);
    h.clock.set('2026-03-14T02:00:00Z');
    expect(
      (await deputy().case.inbox.query({ pageSize: 100 })).items.find((i) => i.caseId === nextCase),
    ).toBeUndefined();
    expect(
      (await failure(deputy().case.decide.mutate({ caseId: nextCase, decision: 'approve', version: 1 }))).data
        .appCode,
    ).toBe('CASE_NOT_FOUND');
    expect(
      (await ministry().case.inbox.query({ pageSize: 100 })).items.find((i) => i.caseId === nextCase),
    ).toMatchObject({ mayApprove: true, actingForUserId: null });
  });
});

describe('practice cases', () => {
  it('the province recommends, then the ministry publishes; the ministry may send it back to the province', async () => {
    const practiceId = randomUUID();
    await h.publish(
      practiceSubmittedV1,
      {
        practiceId,
        pilotAreaId: 'guangzhou',
        title: { 'zh-CN': '跨境服务贸易“单一窗口”', en: 'Single window' },
        summary: '一站式办理',
        submission: 1,
        submittedAt: h.clock.now().toISOString(),
      },
      { tenant: 'guangdong', aggregateId: practiceId },
    );
    const { id: caseId } = await eventually(
      async () => (await ministry().case.listOpen.query({})).find((c) => c.subject.id === practiceId),
      { description: 'the practice case' },
    );
    expect(await ministry().case.get.query({ caseId })).toMatchObject({
      summary: '一站式办理',
      blockedBy: 'STEP_NOT_YET_ACTIVE',
    });
    expect(await guangdong().case.get.query({ caseId })).toMatchObject({
      mayApprove: true,
      mayReturn: true,
      mayReject: true,
    });
    const recommended = await guangdong().case.decide.mutate({ caseId, decision: 'approve', version: 1 });
    const back = await ministry().case.decide.mutate({
      caseId,
      decision: 'returnToPrevious',
      reason: '请补充推广价值说明',
      version: recommended.version,
    });
    expect(back).toMatchObject({ level: 1, mayApprove: false });
    expect(await guangdong().case.get.query({ caseId })).toMatchObject({ mayApprove: true, level: 1 });
    const again = await guangdong().case.decide.mutate({
      caseId,
      decision: 'approve',
      version: back.version,
    });
    const published = await ministry().case.decide.mutate({
      caseId,
      decision: 'approve',
      version: again.version,
    });
    expect(published).toMatchObject({ status: 'approved', lockedLevels: [1, 2] });
    const completed = await h.recorder.waitForEvent(
      'approval.case_completed.v1',
      (e) => e.envelope?.aggregateId === caseId,
    );
    expect(completed.envelope?.data).toMatchObject({
      outcome: 'approved',
      level: 2,
      subject: { service: 'practices', type: 'practice' },
    });
  });
});
