import { appliedEventModel } from '@tradepilot/messaging';
import { connectDatabase, TenantDatabases, TenantRegistry, tenantScope } from '@tradepilot/tenancy';
import { infraConnection, uniqueName } from '@tradepilot/testing';
import type { Connection } from 'mongoose';
import { migratePlanArrays, planDecisionPurpose } from './plan-arrays-migration';
import { planAuditModel } from './plan-audit-model';
import { planModel } from './plan-model';
import { PlanRepository } from './plan-repository';

/** Plans as they were stored before the audit log and the applied decisions had collections. */
const oldShapePlan = (id: string, versions: number, eventIds: string[]) => ({
  _id: id,
  round: 2020,
  pilotAreaId: id === 'p1' ? 'guangzhou' : 'shenzhen',
  title: { 'zh-CN': '实施方案', en: 'plan' },
  period: null,
  status: 'drafting',
  submission: 0,
  submissions: [],
  tasks: [],
  coverageExplanations: [],
  signOffs: [],
  inForce: null,
  amendment: null,
  returnReason: null,
  createdAt: new Date('2026-01-01T00:00:00Z'),
  createdBy: 'guangzhou-officer',
  updatedAt: new Date('2026-01-02T00:00:00Z'),
  updatedBy: 'guangzhou-officer',
  submittedAt: null,
  approvedAt: null,
  closedAt: null,
  version: versions,
  lastSequence: 0,
  outbox: [],
  relayLeaseUntil: null,
  appliedEventIds: eventIds,
  audit: Array.from({ length: versions }, (_, i) => ({
    at: new Date(Date.UTC(2026, 0, 1 + i)),
    actor: { userId: 'guangzhou-officer', role: 'pilot-area-officer', organisationId: 'guangzhou' },
    action: i === 0 ? 'created' : 'saved',
    changes: [{ field: 'title', before: `v${i}`, after: `v${i + 1}` }],
    reason: null,
    version: i + 1,
  })),
});

describe('moving the audit log and applied decisions out of plan documents', () => {
  const prefix = `${uniqueName('mig')}_`;
  const guangdong = tenantScope('guangdong');
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
    if (first) await first.useDb(`${prefix}plans_guangdong`).dropDatabase();
    for (const c of connections) await c.close();
  });

  it('copies, then unsets; two instances at once and a third run change nothing more', async () => {
    const [one, two] = [await instance(), await instance()];
    const plans = (await one.model(guangdong, planModel)).collection;
    await plans.insertMany([oldShapePlan('p1', 12, ['e1', 'e2']), oldShapePlan('p2', 3, [])] as never[]);

    const moved = await Promise.all([migratePlanArrays({ databases: one }), migratePlanArrays({ databases: two })]);
    expect(moved[0] + moved[1]).toBe(2);
    expect(await migratePlanArrays({ databases: one })).toBe(0);

    const raw = await plans.find({}).toArray();
    expect(raw.map((p) => ('audit' in p ? 'audit' : '') + ('appliedEventIds' in p ? 'ids' : ''))).toEqual(['', '']);
    expect(raw.find((p) => p._id === ('p1' as never))).toMatchObject({ version: 12, pilotAreaId: 'guangzhou' });

    const repository = new PlanRepository(two);
    const audit = await repository.audit(guangdong, { _id: 'p1', version: 12 }, 0, 100);
    expect(audit.total).toBe(12);
    expect(audit.entries.map((e) => e._id)).toEqual(Array.from({ length: 12 }, (_, i) => `p1:${12 - i}`));
    expect(audit.entries.at(-1)).toMatchObject({
      action: 'created',
      version: 1,
      changes: [{ field: 'title', before: 'v0', after: 'v1' }],
    });
    expect((await repository.audit(guangdong, { _id: 'p2', version: 3 }, 0, 100)).total).toBe(3);
    expect(await repository.appliedEvents.wasApplied(guangdong, 'e1', planDecisionPurpose)).toBe(true);
    expect(await repository.appliedEvents.wasApplied(guangdong, 'e2', planDecisionPurpose)).toBe(true);
    expect(await repository.appliedEvents.wasApplied(guangdong, 'e3', planDecisionPurpose)).toBe(false);
  });
});
