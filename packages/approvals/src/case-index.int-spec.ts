import { approvalCaseCompletedV1, approvalCaseOpenedV1, planSubmittedV1 } from '@tradepilot/contracts';
import { eventually } from '@tradepilot/testing';
import { randomUUID } from 'node:crypto';
import { ApprovalsRepository } from './approvals-repository';
import { moveClosedIndexEntries } from './closed-case-index-migration';
import { ApprovalsHarness, MovableClock, planTask, principals } from './test/approvals-harness';

const h = new ApprovalsHarness(new MovableClock(new Date('2026-03-02T02:00:00Z')));
const ministry = () => h.client(principals.ministry);

interface StoredEntry {
  _id: string;
  status: string;
  title?: { en: string };
  sourceSequence: number;
}

const entryIn = (collection: 'case_index' | 'closed_case_index', caseId: string) =>
  h.withDatabase('national', (db) => db.collection<StoredEntry>(collection).findOne({ _id: caseId }));

/** A plan submitted by Guangdong, its case (open, awaiting the ministry) and the case's id. */
async function openPlanCase(): Promise<{ planId: string; caseId: string }> {
  const planId = randomUUID();
  await h.publish(
    planSubmittedV1,
    {
      planId,
      pilotAreaId: 'guangzhou',
      title: { 'zh-CN': `广州市实施方案 ${planId.slice(0, 4)}`, en: `Guangzhou plan ${planId.slice(0, 4)}` },
      submission: 1,
      submittedAt: h.clock.now().toISOString(),
      tasks: [planTask],
    },
    { tenant: 'guangdong', aggregateId: planId, sequence: 1, actor: principals.guangdong },
  );
  const opened = await eventually(
    async () => (await ministry().case.listOpen.query({})).find((c) => c.subject.id === planId),
    { description: `the case of plan ${planId}` },
  );
  return { planId, caseId: opened.id };
}

async function approve(caseId: string): Promise<void> {
  await ministry().case.decide.mutate({ caseId, decision: 'approve', version: 1 });
  await eventually(async () => (await entryIn('closed_case_index', caseId))?.status === 'approved', {
    description: `the closed entry of case ${caseId}`,
  });
}

/** A legacy entry as the index held it before closed cases had their own collection. */
const legacyEntry = (status: 'open' | 'approved', sourceSequence: number) => ({
  _id: randomUUID(),
  tenant: 'guangdong',
  caseType: 'plan',
  subject: { service: 'plans', type: 'plan', id: randomUUID(), version: 1 },
  title: { 'zh-CN': '旧方案', en: 'Legacy plan' },
  status,
  level: 1,
  openedAt: new Date('2025-01-06T02:00:00Z'),
  closedAt: status === 'open' ? null : new Date('2025-02-03T02:00:00Z'),
  previousCaseId: null,
  awaiting: status === 'open' ? ['ministry-officer@mofcom'] : [],
  escalatedTo: [],
  nextDueAt: status === 'open' ? new Date('2025-01-20T16:00:00Z') : null,
  sourceSequence,
});

beforeAll(() => h.start());
afterAll(() => h.close());

describe('the national case index keeps open cases apart from closed ones', () => {
  it('a completed case leaves the open index for the closed one, which keeps what the open entry had', async () => {
    const { caseId } = await openPlanCase();
    expect(await entryIn('case_index', caseId)).toMatchObject({ status: 'open' });
    expect(await entryIn('closed_case_index', caseId)).toBeNull();

    await approve(caseId);
    await eventually(async () => (await entryIn('case_index', caseId)) === null, {
      description: `case ${caseId} out of the open index`,
    });
    const closed = await entryIn('closed_case_index', caseId);
    expect(closed).toMatchObject({ status: 'approved', tenant: 'guangdong', awaiting: [], level: 1 });
    expect(closed?.title?.en).toMatch(/^Guangzhou plan /);
    expect((await ministry().case.listOpen.query({})).map((c) => c.id)).not.toContain(caseId);
    expect((await ministry().case.inbox.query({ page: 1, pageSize: 100, sort: 'dueAsc' })).items).toEqual(
      expect.not.arrayContaining([expect.objectContaining({ caseId })]),
    );
  });

  it('a redelivered older event of a closed case does not bring it back into the open index', async () => {
    const { caseId } = await openPlanCase();
    await approve(caseId);
    await eventually(async () => (await entryIn('case_index', caseId)) === null, {
      description: `case ${caseId} out of the open index`,
    });
    const [opened] = h.eventsOf(approvalCaseOpenedV1.type, caseId);
    if (!opened?.envelope) throw new Error(`no case_opened event recorded for ${caseId}`);
    await h.send(approvalCaseOpenedV1.topic, opened.envelope);
    // a marker on the same key (so the same partition, after the redelivered event): once its
    // entry is there, the redelivered event has been handled
    const marker = randomUUID();
    const markerEvent = {
      ...opened.envelope,
      id: randomUUID(),
      data: { ...(opened.envelope.data as object), caseId: marker },
    };
    await h.send(approvalCaseOpenedV1.topic, markerEvent);
    await eventually(async () => (await entryIn('case_index', marker)) !== null, {
      description: 'the marker after the redelivered event in the open index',
    });
    expect(await entryIn('case_index', caseId)).toBeNull();
    expect(await entryIn('closed_case_index', caseId)).toMatchObject({ status: 'approved' });
  });

  it('a close interrupted between the closed upsert and the open delete heals when the completion is redelivered', async () => {
    const { caseId } = await openPlanCase();
    const before = await entryIn('case_index', caseId);
    await approve(caseId);
    await eventually(async () => (await entryIn('case_index', caseId)) === null, {
      description: `case ${caseId} out of the open index`,
    });
    // what a crash after the closed upsert leaves: both entries
    await h.withDatabase('national', (db) => db.collection('case_index').insertOne(before as never));
    const [completed] = h.eventsOf(approvalCaseCompletedV1.type, caseId);
    if (!completed?.envelope) throw new Error(`no case_completed event recorded for ${caseId}`);
    await h.send(approvalCaseCompletedV1.topic, completed.envelope);
    await eventually(async () => (await entryIn('case_index', caseId)) === null, {
      description: `the redelivered completion removes case ${caseId} from the open index`,
    });
    expect(await entryIn('closed_case_index', caseId)).toMatchObject({ status: 'approved' });
  });

  it('the ministry still opens a closed case: it is located through the closed index', async () => {
    const { caseId } = await openPlanCase();
    await approve(caseId);
    await eventually(async () => (await entryIn('case_index', caseId)) === null, {
      description: `case ${caseId} out of the open index`,
    });
    expect(await ministry().case.get.query({ caseId })).toMatchObject({
      status: 'approved',
      mayApprove: false,
    });
  });

  it('the start-up migration moves closed entries left in the open index, also when instances run it at once', async () => {
    const insertLegacy = (entries: ReturnType<typeof legacyEntry>[]) =>
      h.withDatabase('national', (db) => db.collection('case_index').insertMany(entries as never[]));
    const stillOpen = legacyEntry('open', 3);
    const closedAtStart = [legacyEntry('approved', 5), legacyEntry('approved', 7)];
    await insertLegacy([stillOpen, ...closedAtStart]);

    // a restarted instance runs the migration before it serves
    await h.stopService();
    await h.start();
    for (const entry of closedAtStart) {
      expect(await entryIn('case_index', entry._id)).toBeNull();
      expect(await entryIn('closed_case_index', entry._id)).toMatchObject({
        status: 'approved',
        sourceSequence: entry.sourceSequence,
        title: { en: 'Legacy plan' },
      });
    }
    expect(await entryIn('case_index', stillOpen._id)).toMatchObject({ status: 'open' });

    // three instances at once: each entry moved exactly once, none lost
    const concurrent = Array.from({ length: 6 }, (_, i) => legacyEntry('approved', 10 + i));
    await insertLegacy(concurrent);
    const databases = h.service?.deps.databases;
    if (!databases) throw new Error('the service is not running');
    const moved = await Promise.all(
      [1, 2, 3].map(() => moveClosedIndexEntries(new ApprovalsRepository(databases))),
    );
    expect(moved.reduce((a, b) => a + b, 0)).toBe(concurrent.length);
    for (const entry of concurrent) {
      expect(await entryIn('case_index', entry._id)).toBeNull();
      expect(await entryIn('closed_case_index', entry._id)).toMatchObject({
        sourceSequence: entry.sourceSequence,
      });
    }
    expect(await moveClosedIndexEntries(new ApprovalsRepository(databases))).toBe(0);
  });
});
