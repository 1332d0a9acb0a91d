import { approvalCaseCompletedV1 } from '@tradepilot/contracts';
import { appliedEventModel } from '@tradepilot/messaging';
import { testPrincipals as principals } from '@tradepilot/test-stack';
import { connectDatabase, TenantDatabases, TenantRegistry } from '@tradepilot/tenancy';
import { eventually, infraConnection } from '@tradepilot/testing';
import { TRPCClientError } from '@trpc/client';
import type { Connection } from 'mongoose';
import type { Document } from 'mongodb';
import { randomUUID } from 'node:crypto';
import { closedPlanModel } from './closed-plan-model';
import { migrateClosedPlans } from './closed-plans';
import { planAuditModel } from './plan-audit-model';
import { planModel } from './plan-model';
import { PlansHarness } from './test/plans-harness';

const h = new PlansHarness();
const province = () => h.client(principals.guangdong);
const officerOf = { guangzhou: principals.guangzhou, shenzhen: principals.shenzhen };

type Where = 'plans' | 'closed_plans';
const planIn = (collection: Where, planId: string) =>
  h.withDatabase('guangdong', (db) => db.collection<Document>(collection).findOne({ _id: planId as never }));
const idsIn = (collection: Where) =>
  h.withDatabase('guangdong', async (db) =>
    (
      await db
        .collection<Document>(collection)
        .find({}, { projection: { _id: 1 } })
        .toArray()
    ).map((d) => String(d['_id'])),
  );

const appCode = async (call: Promise<unknown>): Promise<string> => {
  const error = await call.then(
    () => new Error('expected the call to be refused'),
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCClientError)) throw error;
  return (error.data as { appCode: string }).appCode;
};

/** Sends the approvals engine's decision on a plan's submission (keyed by the case, as approvals does). */
const decide = (planId: string, submission: number, caseId: string, outcome: 'approved' | 'returned') =>
  h.publish(
    approvalCaseCompletedV1,
    {
      caseId,
      caseType: 'plan',
      subject: { service: 'plans', type: 'plan', id: planId, version: submission },
      outcome,
      reason: outcome === 'approved' ? null : '请补充',
      level: 1,
      decidedAt: new Date().toISOString(),
    },
    { tenant: 'guangdong', aggregateId: caseId, actor: principals.ministry },
  );

/** A pilot area's plan for a round, drafted, signed by both parties and submitted. */
async function submittedPlan(area: keyof typeof officerOf, round: number) {
  const created = await province().plan.create.mutate({
    pilotAreaId: area,
    round,
    title: { 'zh-CN': `${area} ${round} 实施方案`, en: `${area} plan ${round}` },
    period: { start: `${round}-01-01`, end: `${round + 2}-12-31` },
  });
  const signed = await h
    .client(officerOf[area])
    .plan.sign.mutate({ planId: created.id, version: created.version });
  const both = await province().plan.sign.mutate({ planId: created.id, version: signed.version });
  return province().plan.submit.mutate({ planId: created.id, version: both.version });
}

/** A plan carried through to closed by the API: created, submitted, approved, closed. */
async function closedPlan(area: keyof typeof officerOf, round: number) {
  const submitted = await submittedPlan(area, round);
  const caseId = randomUUID();
  await decide(submitted.id, 1, caseId, 'approved');
  const approved = await eventually(
    async () => {
      const plan = await province().plan.get.query({ planId: submitted.id });
      return plan.status === 'approved' && plan;
    },
    { description: `plan ${submitted.id} approved` },
  );
  if (!approved) throw new Error('never approved');
  const closed = await province().plan.close.mutate({
    planId: submitted.id,
    version: approved.version,
    reason: '本轮试点结束',
  });
  return { planId: submitted.id, caseId, version: closed.version };
}

const movedOut = (planId: string) =>
  eventually(async () => (await planIn('plans', planId)) === null && (await planIn('closed_plans', planId)), {
    description: `plan ${planId} in closed_plans only`,
  }) as Promise<Document>;

beforeAll(() => h.start());
afterAll(() => h.close());

describe('closed plans leave plans for closed_plans once their closing is published', () => {
  let closed: { planId: string; caseId: string; version: number };
  let archived: Document;

  beforeAll(async () => {
    closed = await closedPlan('guangzhou', 2016);
    archived = await movedOut(closed.planId);
  });

  it('moves whole, outbox empty; every read by id still answers for it', async () => {
    expect(archived).toMatchObject({ status: 'closed', version: closed.version, outbox: [] });
    const { planId } = closed;
    expect(await province().plan.get.query({ planId })).toMatchObject({
      id: planId,
      status: 'closed',
      version: closed.version,
    });
    expect(await h.client(principals.guangzhou).plan.get.query({ planId })).toMatchObject({
      status: 'closed',
    });
    expect((await province().plan.versions.query({ planId })).map((v) => v.submission)).toEqual([1]);
    expect(await province().plan.getVersion.query({ planId, submission: 1 })).toMatchObject({
      submission: 1,
    });
    const audit = await province().plan.audit.query({ planId });
    expect(audit.total).toBe(closed.version);
    expect(audit.entries[0]).toMatchObject({ action: 'closed', reason: '本轮试点结束' });
    await expect(province().plan.coverage.query({ planId })).resolves.toBeDefined();
    await expect(province().plan.diff.query({ planId, from: 1, to: 'draft' })).resolves.toBeDefined();
    const ministry = h.client(principals.ministry);
    expect(await ministry.plan.nationalGet.query({ province: 'guangdong', planId })).toMatchObject({
      province: 'guangdong',
      plan: { id: planId, status: 'closed' },
    });
    expect((await ministry.plan.nationalAudit.query({ province: 'guangdong', planId })).total).toBe(
      closed.version,
    );
  });

  it('a decision arriving for the moved plan is logged and ignored, and the partition goes on', async () => {
    const other = await submittedPlan('shenzhen', 2016);
    // the late decision, then one for another plan on the same case key (so the same partition):
    // once the second has landed, the first was handled and not retried
    await decide(closed.planId, 1, closed.caseId, 'returned');
    await decide(other.id, 1, closed.caseId, 'returned');
    await eventually(
      async () => (await province().plan.get.query({ planId: other.id })).status === 'returned',
      { description: 'the decision after the late one applied' },
    );
    expect(await planIn('plans', closed.planId)).toBeNull();
    expect(await planIn('closed_plans', closed.planId)).toEqual(archived);
  });

  it('a second plan for the same pilot area and round is still refused; another round is not', async () => {
    const create = (round: number) =>
      province().plan.create.mutate({
        pilotAreaId: 'guangzhou',
        round,
        title: { 'zh-CN': `广州 ${round} 第二个实施方案`, en: '' },
      });
    expect(await appCode(create(2016))).toBe('PLAN_ALREADY_EXISTS');
    expect(await planIn('closed_plans', closed.planId)).toEqual(archived);
    expect((await create(2018)).status).toBe('drafting');
  });

  it('plan.list: current plans from plans only; closed and all add closed_plans, in order, each plan once', async () => {
    // something in closed_plans that the current list would show if it read there
    const decoy = { ...archived, _id: randomUUID(), round: 2099, status: 'implementing' };
    // and a closed plan caught between the copy and the delete of its move: in both
    await h.withDatabase('guangdong', async (db) => {
      await db.collection<Document>('closed_plans').insertOne(decoy as never);
      await db.collection<Document>('plans').insertOne(archived);
    });
    try {
      const current = await province().plan.list.query({ limit: 100 });
      const currentIds = current.items.map((p) => p.id);
      expect(currentIds).not.toContain(closed.planId);
      expect(currentIds).not.toContain(decoy._id);
      expect(currentIds.length).toBeGreaterThan(0);
      expect(current.items.every((p) => p.status !== 'closed')).toBe(true);

      const closedList = await province().plan.list.query({ status: 'closed', limit: 100 });
      expect(closedList.items.map((p) => p.id)).toEqual([closed.planId]);
      expect(closedList.items[0]).toMatchObject({ status: 'closed', pilotAreaId: 'guangzhou', round: 2016 });

      // every plan of both collections, paged one at a time: newest change first, no duplicate, no gap
      const everything = await h.withDatabase('guangdong', async (db) => [
        ...(await db.collection<Document>('plans').find({}).toArray()),
        ...(await db.collection<Document>('closed_plans').find({}).toArray()),
      ]);
      const expected = [
        ...new Map(
          everything
            .sort(
              (a, b) =>
                (b['updatedAt'] as Date).getTime() - (a['updatedAt'] as Date).getTime() ||
                (String(b['_id']) < String(a['_id']) ? -1 : 1),
            )
            .map((d) => [String(d['_id']), d]),
        ).keys(),
      ];
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 20; page += 1) {
        const read = await province().plan.list.query({
          status: 'all',
          limit: 1,
          ...(cursor ? { cursor } : {}),
        });
        seen.push(...read.items.map((p) => p.id));
        if (!read.nextCursor) break;
        cursor = read.nextCursor;
      }
      expect(seen).toEqual(expected);
      expect(seen).toContain(closed.planId);
      expect(seen).toContain(decoy._id);
    } finally {
      await h.withDatabase('guangdong', async (db) => {
        await db.collection<Document>('closed_plans').deleteOne({ _id: decoy._id as never });
        await db.collection<Document>('plans').deleteOne({ _id: closed.planId as never });
      });
    }
  });

  it('the start-up migration moves the closed plans left in plans, each once, two instances at once; old shapes wait for their own migrations', async () => {
    // closed plans as the service left them before closed plans had their own collection
    const left = Array.from({ length: 5 }, (_, i) => ({ ...archived, _id: randomUUID(), round: 3001 + i }));
    // one stored before the audit log had its collection and plans their task count
    const { taskCount: _, ...counted } = archived;
    const oldShape = {
      ...counted,
      _id: randomUUID(),
      round: 3010,
      audit: [
        {
          at: new Date(),
          actor: { userId: 'guangdong-province', role: 'province-officer', organisationId: 'guangdong' },
          action: 'created',
          changes: [],
          reason: null,
          version: 1,
        },
      ],
    };
    const current = await province().plan.list.query({ limit: 100 });
    await h.withDatabase('guangdong', (db) =>
      db.collection<Document>('plans').insertMany([...left, oldShape] as never[]),
    );

    const connections: Connection[] = [];
    const instance = async () => {
      const root = await connectDatabase({ url: infraConnection().mongoUrl });
      connections.push(root);
      return new TenantDatabases(root, {
        service: 'plans',
        databasePrefix: h.databasePrefix,
        registry: TenantRegistry.fromSeed(),
        models: [planModel, closedPlanModel, planAuditModel, appliedEventModel],
      });
    };
    try {
      const [one, two] = [await instance(), await instance()];
      const moved = await Promise.all([
        migrateClosedPlans({ databases: one }),
        migrateClosedPlans({ databases: two }),
      ]);
      expect(moved[0] + moved[1]).toBe(left.length);
      expect(await migrateClosedPlans({ databases: one })).toBe(0);
    } finally {
      for (const c of connections) await c.close();
    }
    for (const plan of left) {
      expect(await planIn('plans', plan._id)).toBeNull();
      expect(await planIn('closed_plans', plan._id)).toEqual(plan);
    }
    expect(await planIn('plans', oldShape._id)).toMatchObject({ status: 'closed', round: 3010 });
    // current plans stay where they were
    const plans = await idsIn('plans');
    for (const plan of current.items) expect(plans).toContain(plan.id);

    // a restart runs the start-up tasks in order: the old shape is brought up to date, then moves
    await h.stopService();
    await h.start();
    const moved = await movedOut(oldShape._id);
    expect(moved).toMatchObject({ taskCount: 0, round: 3010 });
    expect(moved['audit']).toBeUndefined();
    expect((await province().plan.audit.query({ planId: oldShape._id })).total).toBe(archived['version']);
  });
});
