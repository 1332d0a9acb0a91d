import { planSubmittedV1 } from '@tradepilot/contracts';
import { defineModel, tenantScope } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { Outbox } from './outbox';
import { eventDraft } from './outbox-entry';
import { actor, messagingFixture, submittedData, testPlanModel } from './test/messaging-fixture';

interface TestLine {
  _id: string;
  planId: string;
  action: string;
}

const lineModel = defineModel<TestLine>({
  name: 'TestLine',
  collection: 'test_lines',
  placement: 'tenant',
  schema: new Schema<TestLine>({ _id: String, planId: String, action: String }, { versionKey: false }),
});

describe('a commit writes its records (audit lines) with the change, and only with it', () => {
  let fx: Awaited<ReturnType<typeof messagingFixture>>;
  let databases: Awaited<ReturnType<typeof messagingFixture>>['databases'];
  const guangdong = tenantScope('guangdong');
  const outbox = new Outbox();

  beforeAll(async () => {
    fx = await messagingFixture([lineModel]);
    databases = fx.databases;
  });
  afterAll(() => fx?.close());

  const newPlan = async () => {
    const id = randomUUID();
    await outbox.create(
      await databases.model(guangdong, testPlanModel),
      { _id: id, title: id, status: 'drafting', appliedEventIds: [] },
      [],
      { tenant: 'guangdong', actor },
    );
    return id;
  };
  const commit = async (id: string, version: number, action: string) =>
    outbox.commit(
      await databases.model(guangdong, testPlanModel),
      { _id: id, version, lastSequence: version - 1 },
      { $set: { status: action } },
      [eventDraft(planSubmittedV1, submittedData(id))],
      { tenant: 'guangdong', actor },
      [
        {
          model: await databases.model(guangdong, lineModel),
          document: { _id: `${id}:${version + 1}`, planId: id, action },
        },
      ],
    );
  const line = async (id: string) => (await databases.model(guangdong, lineModel)).findById(id).lean();

  it('inserts the line of the change; a stale commit writes neither change nor line', async () => {
    const id = await newPlan();
    expect(await commit(id, 1, 'submitted')).toMatchObject({ version: 2, status: 'submitted' });
    expect(await line(`${id}:2`)).toMatchObject({ action: 'submitted' });
    expect(await commit(id, 1, 'withdrawn')).toBeNull();
    expect(await line(`${id}:2`)).toMatchObject({ action: 'submitted' });
  });

  it('replaces a line a failed attempt left under the same _id', async () => {
    const id = await newPlan();
    await (
      await databases.model(guangdong, lineModel)
    ).create({ _id: `${id}:2`, planId: id, action: 'crashed' });
    expect(await commit(id, 1, 'submitted')).toMatchObject({ version: 2 });
    expect(await line(`${id}:2`)).toMatchObject({ action: 'submitted' });
  });
});
