import { defineModel, tenantScope } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { Outbox } from './outbox';
import { eventDraft } from './outbox-entry';
import { planSubmittedV1 } from '@tradepilot/contracts';
import {
  findCurrentOrSettled,
  moveSettled,
  restoreSettled,
  type SettledDocuments,
} from './settled-documents';
import {
  actor,
  messagingFixture,
  submittedData,
  testPlanModel,
  type TestPlan,
} from './test/messaging-fixture';

const closedPlanModel = defineModel<TestPlan>({
  name: 'ClosedTestPlan',
  collection: 'closed_plans',
  placement: 'tenant',
  schema: new Schema<TestPlan>(
    { _id: String, title: String, status: String, due: String, version: Number },
    { strict: false },
  ),
});

/** Closed and past its due day: a rule of the day, as a report's is once its period is past due. */
const closedPlans: SettledDocuments = {
  from: testPlanModel,
  to: closedPlanModel,
  settled: (now) => ({ status: 'closed', due: { $lt: now.toISOString().slice(0, 10) } }),
  finalEvents: [planSubmittedV1.type],
};

describe('settled documents: a rule of the day, reads by id in either place, and the way back', () => {
  let fx: Awaited<ReturnType<typeof messagingFixture>>;
  let databases: Awaited<ReturnType<typeof messagingFixture>>['databases'];
  const guangdong = tenantScope('guangdong');
  const outbox = new Outbox();
  const may = new Date('2026-05-10T00:00:00Z');
  const june = new Date('2026-06-10T00:00:00Z');

  beforeAll(async () => {
    fx = await messagingFixture([closedPlanModel]);
    databases = fx.databases;
  });
  afterAll(() => fx?.close());

  const plan = async (status: string, due: string) => {
    const id = randomUUID();
    await outbox.create(
      await databases.model(guangdong, testPlanModel),
      { _id: id, title: id, status, appliedEventIds: [], due },
      [],
      { tenant: 'guangdong', actor },
    );
    return id;
  };
  const inCollection = async (id: string) =>
    (await (await databases.model(guangdong, testPlanModel)).findById(id).lean()) !== null;
  const inArchive = async (id: string) =>
    (await (await databases.model(guangdong, closedPlanModel)).findById(id).lean()) !== null;

  it('moves only what the rule of that day settles, and only with an empty outbox', async () => {
    const due = await plan('closed', '2026-06-01');
    const open = await plan('drafting', '2026-06-01');
    const pending = await plan('closed', '2026-06-01');
    await outbox.commit(
      await databases.model(guangdong, testPlanModel),
      { _id: pending, version: 1, lastSequence: 0 },
      { $set: { title: 'changed' } },
      [eventDraft(planSubmittedV1, submittedData(pending))],
      { tenant: 'guangdong', actor },
    );
    const ids = [due, open, pending];

    expect(await moveSettled(databases, guangdong, closedPlans, ids, may)).toBe(0);
    expect(await inCollection(due)).toBe(true);

    expect(await moveSettled(databases, guangdong, closedPlans, ids, june)).toBe(1);
    expect([await inCollection(due), await inArchive(due)]).toEqual([false, true]);
    expect([await inCollection(open), await inArchive(open)]).toEqual([true, false]);
    // its event not yet published: it stays where the relay looks
    expect([await inCollection(pending), await inArchive(pending)]).toEqual([true, false]);
  });

  it('finds a document by id in the collection or the archive, and says which', async () => {
    const current = await plan('drafting', '2026-06-01');
    const settled = await plan('closed', '2026-06-01');
    await moveSettled(databases, guangdong, closedPlans, [settled], june);
    expect(await findCurrentOrSettled(databases, guangdong, closedPlans, current)).toMatchObject({
      settled: false,
      document: { _id: current, status: 'drafting' },
    });
    expect(await findCurrentOrSettled(databases, guangdong, closedPlans, settled)).toMatchObject({
      settled: true,
      document: { _id: settled, status: 'closed' },
    });
    expect(await findCurrentOrSettled(databases, guangdong, closedPlans, randomUUID())).toBeNull();
  });

  it('restores a settled document so a command changes it with its outbox, and restoring twice changes nothing', async () => {
    const id = await plan('closed', '2026-06-01');
    await moveSettled(databases, guangdong, closedPlans, [id], june);
    expect([await inCollection(id), await inArchive(id)]).toEqual([false, true]);
    expect(await restoreSettled(databases, guangdong, closedPlans, id)).toBe(true);
    expect(await restoreSettled(databases, guangdong, closedPlans, id)).toBe(true);
    expect([await inCollection(id), await inArchive(id)]).toEqual([true, false]);

    const reopened = await outbox.commit(
      await databases.model(guangdong, testPlanModel),
      { _id: id, version: 1, lastSequence: 0 },
      { $set: { status: 'drafting' } },
      [eventDraft(planSubmittedV1, submittedData(id))],
      { tenant: 'guangdong', actor },
    );
    expect(reopened).toMatchObject({ status: 'drafting', version: 2 });
    expect(await restoreSettled(databases, guangdong, closedPlans, randomUUID())).toBe(false);
  });

  it('completes a move a crash interrupted (a copy in both places): the restore keeps the copy in the collection', async () => {
    const id = await plan('closed', '2026-06-01');
    const copy = await (await databases.model(guangdong, testPlanModel)).findById(id).lean();
    await (await databases.model(guangdong, closedPlanModel)).collection.insertOne(copy as never);
    expect([await inCollection(id), await inArchive(id)]).toEqual([true, true]);
    expect(await restoreSettled(databases, guangdong, closedPlans, id)).toBe(true);
    expect([await inCollection(id), await inArchive(id)]).toEqual([true, false]);
  });
});
