import { appliedEventModel } from '@tradepilot/messaging';
import {
  connectDatabase,
  TenantDatabases,
  TenantRegistry,
  tenantScope,
  type TenantScope,
} from '@tradepilot/tenancy';
import { infraConnection, uniqueName } from '@tradepilot/testing';
import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { planAuditModel } from './plan-audit-model';
import type { PlanListPosition } from './plan-list-cursor';
import type { PlanDocument, PlanStatus, SignOff } from './plan-model';
import { planModel } from './plan-model';
import type { PlanCaller } from './plan-permissions';
import { PlanRepository } from './plan-repository';
import { toPlanSummary } from './plan-summary';
import { countPlanTasks } from './plan-task-count-migration';
import { toPlanView } from './plan-view';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));
const signOff = (parties: SignOff['parties']): SignOff => ({
  parties,
  userId: 'someone',
  role: 'province-officer',
  organisationId: null,
  signedAt: at(0),
  planVersion: 2,
});

/** A plan as the service stores it, with `tasks` tasks and a submission record. */
function storedPlan(
  round: number,
  status: PlanStatus,
  tasks: number,
  updatedAt: Date,
  more: Partial<PlanDocument> = {},
): PlanDocument {
  return {
    _id: randomUUID(),
    round,
    pilotAreaId: round % 2 === 0 ? 'guangzhou' : 'shenzhen',
    title: { 'zh-CN': `实施方案 ${round}`, en: `plan ${round}` },
    period: { start: '2026-01-01', end: '2028-12-31' },
    status,
    taskCount: tasks,
    submission: 1,
    submissions: [
      {
        submission: 1,
        submittedAt: at(1),
        submittedBy: 'guangdong-province',
        amendment: false,
        taskCount: tasks,
        measureCoverage: { applicable: 1, covered: 1, percent: 100 },
        outcome: 'returned',
        reason: '请补充',
        caseId: null,
        decidedAt: at(2),
        decidedBy: 'mofcom-officer',
      },
    ],
    tasks: Array.from({ length: tasks }, (_, i) => ({
      id: `t${i}`,
      measureIds: ['M-1'],
      description: `任务 ${i}`,
      leadUnit: '市商务局',
      supportingUnits: [],
      milestones: [],
      kpis: [],
      keyProgram: false,
    })),
    coverageExplanations: [],
    signOffs: [],
    inForce: null,
    amendment: null,
    returnReason: null,
    createdAt: at(0),
    createdBy: 'guangdong-province',
    updatedAt,
    updatedBy: 'guangdong-province',
    submittedAt: at(1),
    approvedAt: null,
    closedAt: null,
    version: 5,
    lastSequence: 5,
    outbox: [],
    relayLeaseUntil: null,
    ...more,
  } as PlanDocument;
}

describe("the plan list's summaries", () => {
  const prefix = `${uniqueName('sum')}_`;
  // each test in a province of its own
  const [guangdong, zhejiang, shandong] = ['guangdong', 'zhejiang', 'shandong'].map(tenantScope) as [
    TenantScope,
    TenantScope,
    TenantScope,
  ];
  const connections: Connection[] = [];

  /** One service instance's view of the databases. */
  async function instance(): Promise<TenantDatabases> {
    const root = await connectDatabase({ url: infraConnection().mongoUrl });
    connections.push(root);
    return new TenantDatabases(root, {
      service: 'plans',
      databasePrefix: prefix,
      registry: TenantRegistry.fromSeed(),
      models: [planModel, planAuditModel, appliedEventModel],
    });
  }

  afterAll(async () => {
    const [first] = connections;
    for (const scope of [guangdong, zhejiang, shandong])
      if (first) await first.useDb(`${prefix}plans_${scope.tenant}`).dropDatabase();
    for (const c of connections) await c.close();
  });

  const everyStatus: PlanStatus[] = [
    'drafting',
    'submitted',
    'returned',
    'approved',
    'implementing',
    'closed',
  ];

  it('read without tasks or submission records, and answer as the full view does', async () => {
    const databases = await instance();
    const plans = new PlanRepository(databases);
    const stored = [
      storedPlan(2001, 'drafting', 3, at(10), { signOffs: [signOff(['pilot-area'])] }),
      storedPlan(2002, 'returned', 0, at(11)),
      storedPlan(2003, 'submitted', 7, at(12), { signOffs: [signOff(['pilot-area', 'province'])] }),
      storedPlan(2004, 'implementing', 40, at(13), {
        inForce: { submission: 1, approvedAt: at(3) },
        amendment: { startedAt: at(4), startedBy: 'p', reason: '调整', resumeStatus: 'implementing' },
      }),
      storedPlan(2005, 'closed', 2, at(14), { closedAt: at(14) }),
    ];
    await (await plans.model(guangdong)).collection.insertMany(stored as never[]);

    const page = await plans.summaries(guangdong, { statuses: everyStatus, after: null, limit: 10 });
    expect(page.more).toBe(false);
    expect(page.plans.map((p) => p._id)).toEqual(stored.map((p) => p._id).reverse());
    for (const read of page.plans) {
      for (const left of [
        'tasks',
        'submissions',
        'coverageExplanations',
        'outbox',
        'returnReason',
        'createdBy',
      ])
        expect({ plan: read.round, has: left in read }).toEqual({ plan: read.round, has: false });
    }

    const callers: (PlanCaller | null)[] = [
      null,
      { actingRole: 'pilot-area-officer', dualRole: false },
      { actingRole: 'province-officer', dualRole: false },
      { actingRole: 'province-officer', dualRole: true },
    ];
    for (const caller of callers) {
      for (const full of stored) {
        const summary = toPlanSummary(page.plans.find((p) => p._id === full._id) as never, caller);
        const view = toPlanView(full, caller);
        const shared = Object.fromEntries(
          Object.keys(summary)
            .filter((key) => key in view)
            .map((key) => [key, view[key as keyof typeof view]]),
        );
        // every field both have is the same; the summary's own are the count and the amendment's flag
        expect(summary).toEqual({
          ...shared,
          taskCount: view.tasks.length,
          amending: view.amendment !== null,
        });
      }
    }
  });

  it('page by (updatedAt, id) through ties, and filter by status and pilot area', async () => {
    const databases = await instance();
    const plans = new PlanRepository(databases);
    // seven plans changed in the same millisecond, three after them
    const tied = Array.from({ length: 7 }, (_, i) => storedPlan(2100 + i, 'drafting', 1, at(30)));
    const later = Array.from({ length: 3 }, (_, i) => storedPlan(2110 + i, 'approved', 1, at(31 + i)));
    await (await plans.model(zhejiang)).collection.insertMany([...tied, ...later] as never[]);
    const expected = [
      ...later.map((p) => p._id).reverse(),
      ...tied
        .map((p) => p._id)
        .sort()
        .reverse(),
    ];

    const seen: string[] = [];
    let after: PlanListPosition | null = null;
    for (let page = 0; page < 5; page += 1) {
      const read = await plans.summaries(zhejiang, { statuses: ['drafting', 'approved'], after, limit: 3 });
      seen.push(...read.plans.map((p) => p._id));
      const last = read.plans.at(-1);
      if (!read.more || !last) break;
      after = { updatedAt: last.updatedAt, id: last._id };
    }
    expect(seen).toEqual(expected);

    const approved = await plans.summaries(zhejiang, { statuses: ['approved'], after: null, limit: 10 });
    expect(approved.plans.map((p) => p._id)).toEqual(later.map((p) => p._id).reverse());
    const ofShenzhen = await plans.summaries(zhejiang, {
      statuses: everyStatus,
      pilotAreaId: 'shenzhen',
      after: null,
      limit: 100,
    });
    expect(ofShenzhen.plans.length).toBeGreaterThan(0);
    expect(new Set(ofShenzhen.plans.map((p) => p.pilotAreaId))).toEqual(new Set(['shenzhen']));
    const ofNobody = await plans.summaries(zhejiang, {
      statuses: everyStatus,
      pilotAreaId: '',
      after: null,
      limit: 100,
    });
    expect(ofNobody.plans).toEqual([]);
  });

  it('plans stored without a task count are counted at start (twice at once changes nothing more), and listed with their count meanwhile', async () => {
    const [one, two] = [await instance(), await instance()];
    const plans = new PlanRepository(one);
    const uncounted = [storedPlan(2201, 'drafting', 4, at(50)), storedPlan(2202, 'drafting', 9, at(51))].map(
      ({ taskCount: _, ...plan }) => plan,
    );
    const collection = (await plans.model(shandong)).collection;
    await collection.insertMany(uncounted as never[]);

    const before = await plans.summaries(shandong, { statuses: ['drafting'], after: null, limit: 2 });
    expect(before.plans.map((p) => [p.round, p.taskCount])).toEqual([
      [2202, 9],
      [2201, 4],
    ]);

    const counted = await Promise.all([
      countPlanTasks({ databases: one }),
      countPlanTasks({ databases: two }),
    ]);
    expect(counted[0] + counted[1]).toBe(2);
    expect(await countPlanTasks({ databases: one })).toBe(0);
    const stored = await collection.find({ round: { $in: [2201, 2202] } }).toArray();
    expect(stored.map((p) => [p['round'], p['taskCount'], p['version']]).sort()).toEqual([
      [2201, 4, 5],
      [2202, 9, 5],
    ]);
  });
});
