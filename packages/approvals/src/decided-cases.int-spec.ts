import { approvalCaseCompletedV1, planSubmittedV1 } from '@tradepilot/contracts';
import { moveAllSettled } from '@tradepilot/messaging';
import { eventually } from '@tradepilot/testing';
import { randomUUID } from 'node:crypto';
import { decidedCases } from './decided-cases';
import { ApprovalsHarness, MovableClock, planTask, principals } from './test/approvals-harness';

const h = new ApprovalsHarness(new MovableClock(new Date('2026-03-02T02:00:00Z')));
const ministry = () => h.client(principals.ministry);
const province = () => h.client(principals.guangdong);

interface StoredCase {
  _id: string;
  status: string;
  version: number;
  subject: { id: string; version: number };
  previousCaseId: string | null;
  outbox: unknown[];
}

const caseIn = (collection: 'cases' | 'decided_cases', caseId: string) =>
  h.withDatabase('guangdong', (db) => db.collection<StoredCase>(collection).findOne({ _id: caseId }));

const casesOfPlan = (planId: string) =>
  h.withDatabase('guangdong', async (db) => [
    ...(await db.collection<StoredCase>('cases').find({ 'subject.id': planId }).toArray()),
    ...(await db.collection<StoredCase>('decided_cases').find({ 'subject.id': planId }).toArray()),
  ]);

function deps() {
  const running = h.service?.deps;
  if (!running) throw new Error('the service is not running');
  return running;
}

/** Guangdong submits a plan (its `submission`-th version); resolves with the event sent. */
function submitPlan(planId: string, submission: number) {
  return h.publish(
    planSubmittedV1,
    {
      planId,
      pilotAreaId: 'guangzhou',
      title: { 'zh-CN': `广州市实施方案 ${planId.slice(0, 4)}`, en: `Guangzhou plan ${planId.slice(0, 4)}` },
      submission,
      submittedAt: h.clock.now().toISOString(),
      tasks: [planTask],
    },
    { tenant: 'guangdong', aggregateId: planId, sequence: submission, actor: principals.guangdong },
  );
}

/** The open case of a plan's submission, once its opening event is published (outbox empty). */
async function openCaseOf(planId: string, submission: number): Promise<StoredCase> {
  return eventually(
    () =>
      h.withDatabase('guangdong', (db) =>
        db
          .collection<StoredCase>('cases')
          .findOne({ 'subject.id': planId, 'subject.version': submission, 'outbox.0': { $exists: false } }),
      ),
    { description: `the case of plan ${planId} submission ${submission}, its outbox drained` },
  ) as Promise<StoredCase>;
}

const movedToDecided = (caseId: string) =>
  eventually(
    async () => (await caseIn('cases', caseId)) === null && (await caseIn('decided_cases', caseId)),
    { description: `case ${caseId} in decided_cases only` },
  ) as Promise<StoredCase>;

beforeAll(() => h.start());
afterAll(() => h.close());

describe('closed cases leave cases for decided_cases once their events are published', () => {
  it('a decided case moves after its completion is published; case.get, its resubmission and a redelivered opening still find it', async () => {
    const planId = randomUUID();
    const first = await submitPlan(planId, 1);
    const opened = await openCaseOf(planId, 1);
    await ministry().case.decide.mutate({
      caseId: opened._id,
      decision: 'return',
      reason: '请补充任务',
      version: opened.version,
    });
    await h.recorder.waitForEvent(
      approvalCaseCompletedV1.type,
      (e) => e.envelope?.aggregateId === opened._id,
    );

    const decided = await movedToDecided(opened._id);
    expect(decided).toMatchObject({ status: 'returned', outbox: [], subject: { id: planId, version: 1 } });
    expect(await ministry().case.get.query({ caseId: opened._id })).toMatchObject({
      id: opened._id,
      status: 'returned',
      mayApprove: false,
    });
    expect(await province().case.get.query({ caseId: opened._id })).toMatchObject({ status: 'returned' });

    // the first submission's event again, then the resubmission on the same partition: once the
    // resubmission's case is there, the redelivered event has been handled
    await h.send(planSubmittedV1.topic, first);
    await submitPlan(planId, 2);
    const second = await openCaseOf(planId, 2);
    expect(second.previousCaseId).toBe(opened._id);
    const view = await ministry().case.get.query({ caseId: second._id });
    expect(view.previousCaseId).toBe(opened._id);
    expect(await ministry().case.get.query({ caseId: view.previousCaseId ?? '' })).toMatchObject({
      status: 'returned',
    });
    expect((await casesOfPlan(planId)).map((c) => c.subject.version).sort()).toEqual([1, 2]);
  });

  it('a closed case whose events wait in its outbox stays in cases until the relay has published them', async () => {
    const planId = randomUUID();
    await submitPlan(planId, 1);
    const opened = await openCaseOf(planId, 1);
    await deps().relay.stop();
    try {
      await ministry().case.decide.mutate({
        caseId: opened._id,
        decision: 'approve',
        version: opened.version,
      });
      const closed = await caseIn('cases', opened._id);
      expect(closed).toMatchObject({ status: 'approved' });
      expect(closed?.outbox.length).toBeGreaterThan(0);

      await moveAllSettled(deps().databases, decidedCases);
      expect(await caseIn('cases', opened._id)).toEqual(closed);
      expect(await caseIn('decided_cases', opened._id)).toBeNull();
    } finally {
      deps().relay.start();
    }
    await h.recorder.waitForEvent(
      approvalCaseCompletedV1.type,
      (e) => e.envelope?.aggregateId === opened._id,
    );
    expect(await movedToDecided(opened._id)).toMatchObject({ status: 'approved', outbox: [] });
  });

  it('a move interrupted between the copy and the delete heals at the next start, and the case reads the same meanwhile', async () => {
    const planId = randomUUID();
    await submitPlan(planId, 1);
    const opened = await openCaseOf(planId, 1);
    await ministry().case.decide.mutate({ caseId: opened._id, decision: 'approve', version: opened.version });
    const decided = await movedToDecided(opened._id);

    // what a crash after the copy leaves: the case in both collections
    await h.withDatabase('guangdong', (db) => db.collection('cases').insertOne(decided as never));
    expect(await ministry().case.get.query({ caseId: opened._id })).toMatchObject({ status: 'approved' });

    await h.stopService();
    await h.start();
    expect(await caseIn('cases', opened._id)).toBeNull();
    expect(await caseIn('decided_cases', opened._id)).toEqual(decided);
    expect(await ministry().case.get.query({ caseId: opened._id })).toMatchObject({ status: 'approved' });
  });

  it('the start-up migration moves closed cases with empty outboxes, each once, also run by three at once', async () => {
    const planId = randomUUID();
    await submitPlan(planId, 1);
    const opened = await openCaseOf(planId, 1);
    await ministry().case.decide.mutate({ caseId: opened._id, decision: 'approve', version: opened.version });
    const template = await movedToDecided(opened._id);
    // closed cases as the service left them before decided cases had their own collection
    const legacy = Array.from({ length: 6 }, (_, i) => ({
      ...template,
      _id: randomUUID(),
      subject: { ...template.subject, id: randomUUID(), version: 1 + (i % 2) },
    }));
    await h.withDatabase('guangdong', (db) => db.collection('cases').insertMany(legacy as never[]));
    const planOpen = randomUUID();
    await submitPlan(planOpen, 1);
    const open = await openCaseOf(planOpen, 1);

    const moved = await Promise.all([1, 2, 3].map(() => moveAllSettled(deps().databases, decidedCases)));
    expect(moved.reduce((a, b) => a + b, 0)).toBe(legacy.length);
    for (const document of legacy) {
      expect(await caseIn('cases', document._id)).toBeNull();
      expect(await caseIn('decided_cases', document._id)).toEqual(document);
    }
    expect(await caseIn('cases', open._id)).toMatchObject({ status: 'open' });
    expect(await caseIn('decided_cases', open._id)).toBeNull();
    expect(await moveAllSettled(deps().databases, decidedCases)).toBe(0);
  });
});
