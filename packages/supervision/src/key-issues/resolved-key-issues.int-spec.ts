import {
  issueRaisedV1,
  issueReopenedV1,
  planApprovedV1,
  supervisionTopics,
  type EventData,
  type PlanTask,
} from '@tradepilot/contracts';
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

// Wednesday 29 April 2026, 10:00 in Beijing: no SLA passes while the test runs
const h = new SupervisionHarness(new MovableClock(new Date('2026-04-29T02:00:00Z')));
const area = () => h.client(principals.guangzhou);
const province = () => h.client(principals.guangdong);
const ministry = () => h.client(principals.ministry);
let recorder: EventRecorder;

const approval = (pilotAreaId: string, tasks: PlanTask[]): EventData<typeof planApprovedV1> =>
  approvedPlan({
    pilotAreaId,
    tasks,
    measureCoverage: { applicable: 1, covered: 1, percent: 100 },
    // no department for M-1-01: the ministry is the top of its issues' chain
    measureDepartments: [{ measureId: 'M-1-01', departmentIds: [] }],
    approvedAt: '2026-01-15T02:00:00.000Z',
  });

const issueText = {
  category: 'funding' as const,
  title: { 'zh-CN': '专项资金拨付滞后', en: 'Dedicated funds arrive late' },
  description: { 'zh-CN': '省级专项资金拨付周期过长', en: 'The province takes months to pay out' },
};

type Stored = Record<string, unknown> & { _id: string };

/** The ids in one collection of this run's database of `tenant` ('national' for the national one). */
const idsIn = (tenant: string, collection: string, filter: Record<string, unknown> = {}) =>
  h.withDatabase(tenant, async (db) =>
    (await db.collection(collection).find(filter).project({ _id: 1 }).toArray()).map((d) => String(d._id)),
  );
const storedIn = (tenant: string, collection: string, id: string) =>
  h.withDatabase(tenant, (db) => db.collection<Stored>(collection).findOne({ _id: id }));

/** Where the issue is: current, resolved, or (for a moment of a move) both. */
const whereIs = async (id: string) => ({
  current: (await idsIn('guangdong', 'key_issues', { _id: id })).length === 1,
  resolved: (await idsIn('guangdong', 'resolved_key_issues', { _id: id })).length === 1,
});
const movedToResolved = (id: string, description: string) =>
  eventually(
    async () => {
      const at = await whereIs(id);
      return !at.current && at.resolved;
    },
    { description },
  );
const inOpenIndex = async (id: string) =>
  (await idsIn('national', 'open_key_issue_index', { _id: id })).length;

const issueEnvelopes = (id: string) =>
  recorder.events.filter((e) => e.envelope?.aggregateId === id).map((e) => e.envelope);

beforeAll(async () => {
  await h.start();
  recorder = new EventRecorder(h.topicPrefix);
  await recorder.start([supervisionTopics.issue]);
  await h.publishApproval(approval('guangzhou', [planTask('t1', ['M-1-01'])]));
  await h.untilInForce([{ pilotAreaId: 'guangzhou' }]);
});
afterAll(async () => {
  await recorder?.stop();
  await h.close();
});

let issueId = '';

describe('resolved key issues leave key_issues; the inboxes read unresolved rows only', () => {
  it('a resolved issue moves to resolved_key_issues and its row leaves the open index', async () => {
    const raised = await area().keyIssue.raise.mutate({
      ...issueText,
      pilotAreaId: 'guangzhou',
      taskIds: ['t1'],
    });
    issueId = raised.keyIssueId;
    await province().keyIssue.passUp.mutate({ keyIssueId: issueId, version: 1, reason: '需商务部协调资金' });
    await eventually(
      async () => (await ministry().keyIssue.ministryInbox.query({})).some((i) => i.keyIssueId === issueId),
      { description: "the issue in the ministry's inbox" },
    );
    expect(await inOpenIndex(issueId)).toBe(1);
    const resolved = await ministry().keyIssue.ministryResolve.mutate({
      keyIssueId: issueId,
      version: 2,
      resolution: '已协调财政部门按季度拨付',
    });
    expect(resolved).toMatchObject({ version: 3, status: 'resolved' });

    await movedToResolved(issueId, 'the resolved issue in resolved_key_issues');
    expect(await storedIn('guangdong', 'resolved_key_issues', issueId)).toMatchObject({
      status: 'resolved',
      version: 3,
      outbox: [],
    });
    await eventually(async () => (await inOpenIndex(issueId)) === 0, {
      description: 'the row gone from the open index',
    });
    // the full index keeps it (history)
    expect(await storedIn('national', 'key_issue_index', issueId)).toMatchObject({
      status: 'resolved',
      lastSequence: 3,
    });
  });

  it('reads by id, lists of history and counts still find it', async () => {
    const got = await province().keyIssue.get.query({ keyIssueId: issueId });
    expect(got).toMatchObject({ status: 'resolved', version: 3, resolution: '已协调财政部门按季度拨付' });
    expect(got.history.map((l) => l.action)).toEqual(['raised', 'passed-up', 'resolved']);
    expect((await area().keyIssue.get.query({ keyIssueId: issueId })).mayReopen).toBe(true);
    expect((await province().keyIssue.audit.query({ keyIssueId: issueId })).map((l) => l.version)).toEqual([
      1, 2, 3,
    ]);
    expect(await ministry().keyIssue.ministryGet.query({ keyIssueId: issueId })).toMatchObject({
      status: 'resolved',
      province: 'guangdong',
    });
    expect((await province().keyIssue.list.query({})).map((i) => [i.keyIssueId, i.status])).toEqual([
      [issueId, 'resolved'],
    ]);
    expect((await area().keyIssue.list.query({ status: 'resolved' })).map((i) => i.keyIssueId)).toEqual([
      issueId,
    ]);
    expect(await province().keyIssue.list.query({ status: 'open' })).toEqual([]);
    expect((await province().keyIssue.counts.query({})).totals).toMatchObject({
      total: 1,
      open: 0,
      byStatus: { resolved: 1 },
    });
    expect(
      (await ministry().keyIssue.ministryInbox.query({ held: 'ever' })).map((i) => [i.keyIssueId, i.status]),
    ).toEqual([[issueId, 'resolved']]);
    expect(await ministry().keyIssue.ministryInbox.query({})).toEqual([]);
  });

  it('an open list reads the current issues only, the inbox the open index only', async () => {
    // what they read holds nothing resolved
    expect(await idsIn('guangdong', 'key_issues', { status: 'resolved' })).toEqual([]);
    expect(await idsIn('national', 'open_key_issue_index', { status: 'resolved' })).toEqual([]);
    // and they never look anywhere else: a row planted where only history is read is not seen
    const archived = (await storedIn('guangdong', 'resolved_key_issues', issueId)) as Stored;
    const row = (await storedIn('national', 'key_issue_index', issueId)) as Stored;
    const planted = `planted-${randomUUID()}`;
    await h.withDatabase('guangdong', (db) =>
      db.collection<Stored>('resolved_key_issues').insertOne({ ...archived, _id: planted, status: 'open' }),
    );
    await h.withDatabase('national', (db) =>
      db.collection<Stored>('key_issue_index').insertOne({ ...row, _id: planted, status: 'open' }),
    );
    try {
      expect((await province().keyIssue.list.query({ status: 'open' })).map((i) => i.keyIssueId)).toEqual([]);
      expect((await province().keyIssue.list.query({})).map((i) => i.keyIssueId)).toContain(planted);
      expect((await ministry().keyIssue.ministryInbox.query({})).map((i) => i.keyIssueId)).toEqual([]);
      expect(
        (await ministry().keyIssue.ministryInbox.query({ held: 'ever' })).map((i) => i.keyIssueId),
      ).toContain(planted);
    } finally {
      await h.withDatabase('guangdong', (db) =>
        db.collection<Stored>('resolved_key_issues').deleteOne({ _id: planted }),
      );
      await h.withDatabase('national', (db) =>
        db.collection<Stored>('key_issue_index').deleteOne({ _id: planted }),
      );
    }
  });

  it('any other command on the resolved issue is refused as before, and leaves it where it is', async () => {
    const answer = await failure(
      ministry().keyIssue.ministryAnswer.mutate({ keyIssueId: issueId, version: 3, answer: '补充答复' }),
    );
    expect(answer.data.appCode).toBe('KEY_ISSUE_WRONG_STATUS');
    expect(answer.data.messages['zh-CN']).toContain('问题状态为“已解决”，不能答复');
    expect(answer.data.messages.en).toContain('The issue is resolved and cannot be answered');
    const resolve = await failure(
      province().keyIssue.resolve.mutate({ keyIssueId: issueId, version: 3, resolution: '再次办结' }),
    );
    expect(resolve.data.appCode).toBe('KEY_ISSUE_NOT_HOLDER');
    const notOriginator = await failure(
      province().keyIssue.reopen.mutate({ keyIssueId: issueId, version: 3, reason: '不满意' }),
    );
    expect(notOriginator.data.appCode).toBe('KEY_ISSUE_NOT_ORIGINATOR');
    const stale = await failure(
      area().keyIssue.reopen.mutate({ keyIssueId: issueId, version: 2, reason: '不满意' }),
    );
    expect(stale.data.appCode).toBe('VERSION_CONFLICT');
    expect(await whereIs(issueId)).toEqual({ current: false, resolved: true });
    expect(await storedIn('guangdong', 'resolved_key_issues', issueId)).toMatchObject({ version: 3 });
  });

  it('the originator reopens it: back in key_issues and in the inbox, and it works as before', async () => {
    const reopened = await area().keyIssue.reopen.mutate({
      keyIssueId: issueId,
      version: 3,
      reason: '资金仍未到位，请继续协调',
    });
    expect(reopened).toMatchObject({
      version: 4,
      status: 'open',
      reopened: 1,
      holder: { level: 'ministry', organisationIds: ['mofcom'] },
    });
    expect(await whereIs(issueId)).toEqual({ current: true, resolved: false });
    await eventually(
      async () => (await ministry().keyIssue.ministryInbox.query({})).some((i) => i.keyIssueId === issueId),
      { description: 'the reopened issue back in the ministry inbox' },
    );
    expect(await inOpenIndex(issueId)).toBe(1);
    expect((await province().keyIssue.list.query({ status: 'open' })).map((i) => i.keyIssueId)).toEqual([
      issueId,
    ]);
    // and is written with its event, published like any change
    await eventually(() => issueEnvelopes(issueId).some((e) => e?.type === issueReopenedV1.type), {
      description: 'the reopen published',
    });

    await ministry().keyIssue.ministryResolve.mutate({
      keyIssueId: issueId,
      version: 4,
      resolution: '已拨付',
    });
    await movedToResolved(issueId, 'resolved again, moved again');
    const again = await failure(
      area().keyIssue.reopen.mutate({ keyIssueId: issueId, version: 5, reason: '仍不满意' }),
    );
    expect(again.data.appCode).toBe('KEY_ISSUE_REOPENED_ALREADY');
    expect(await whereIs(issueId)).toEqual({ current: false, resolved: true });
    expect((await province().keyIssue.audit.query({ keyIssueId: issueId })).map((l) => l.action)).toEqual([
      'raised',
      'passed-up',
      'resolved',
      'reopened',
      'resolved',
    ]);
    await eventually(async () => (await inOpenIndex(issueId)) === 0, {
      description: 'the row gone from the open index again',
    });
  });

  it('redelivered and older events never bring the resolved row back into the open index', async () => {
    await eventually(() => issueEnvelopes(issueId).length === 5, { description: 'the five events recorded' });
    const envelopes = issueEnvelopes(issueId);
    expect(envelopes.map((e) => [e?.type, e?.sequence])).toEqual([
      ['issue.raised.v1', 1],
      ['issue.routed.v1', 2],
      ['issue.resolved.v1', 3],
      ['issue.reopened.v1', 4],
      ['issue.resolved.v1', 5],
    ]);
    // the same events again (a redelivery), the reopen last
    for (const sequence of [1, 2, 3, 5, 4]) {
      await h.send(
        supervisionTopics.issue,
        envelopes[sequence - 1] as NonNullable<(typeof envelopes)[number]>,
      );
    }
    // and an older raise under a new event id (as if its producer had sent it twice)
    const raised = envelopes[0]?.data as EventData<typeof issueRaisedV1>;
    await h.publish(issueRaisedV1, raised, { tenant: 'guangdong', aggregateId: issueId, sequence: 1 });
    await eventually(() => h.consumedAll(supervisionTopics.issue), {
      description: 'the redeliveries consumed',
    });
    expect(await inOpenIndex(issueId)).toBe(0);
    expect(await storedIn('national', 'key_issue_index', issueId)).toMatchObject({
      status: 'resolved',
      lastSequence: 5,
    });
    expect(await ministry().keyIssue.ministryInbox.query({})).toEqual([]);
  });

  it('at start, resolved issues left in key_issues move and the open index is filled from the full one', async () => {
    const raised = await area().keyIssue.raise.mutate({
      ...issueText,
      pilotAreaId: 'guangzhou',
      taskIds: ['t1'],
    });
    const openId = raised.keyIssueId;
    await eventually(async () => (await inOpenIndex(openId)) === 1, { description: 'the open row written' });
    await h.service?.stop();
    // the shape before this change: no open index row, a resolved issue among the current ones
    await h.withDatabase('national', (db) =>
      db.collection<Stored>('open_key_issue_index').deleteOne({ _id: openId }),
    );
    const archived = (await storedIn('guangdong', 'resolved_key_issues', issueId)) as Stored;
    const left = randomUUID();
    await h.withDatabase('guangdong', (db) =>
      db.collection<Stored>('key_issues').insertOne({ ...archived, _id: left }),
    );
    await h.start();
    await eventually(async () => (await inOpenIndex(openId)) === 1, { description: 'the open row filled' });
    await movedToResolved(left, 'the resolved issue left behind moved');
    expect(await storedIn('national', 'open_key_issue_index', openId)).toMatchObject({
      status: 'open',
      holderLevel: 'province',
      lastSequence: 1,
    });
    expect((await province().keyIssue.list.query({ status: 'open' })).map((i) => i.keyIssueId)).toEqual([
      openId,
    ]);
    expect(await province().keyIssue.get.query({ keyIssueId: left })).toMatchObject({ status: 'resolved' });
  });
});
