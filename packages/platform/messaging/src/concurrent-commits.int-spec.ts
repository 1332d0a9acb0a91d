import { tenantScope } from '@tradepilot/tenancy';
import { randomUUID } from 'node:crypto';
import { Outbox } from './outbox';
import { actor, messagingFixture, testPlanModel } from './test/messaging-fixture';

describe('concurrent commits to one document on FerretDB', () => {
  let fx: Awaited<ReturnType<typeof messagingFixture>>;
  beforeAll(async () => (fx = await messagingFixture()));
  afterAll(() => fx.close());

  it('every commit that reports success is kept: none is lost to a concurrent one', async () => {
    const outbox = new Outbox();
    const plans = await fx.databases.model(tenantScope('guangdong'), testPlanModel);
    const id = randomUUID();
    await outbox.create(plans, { _id: id, title: 'draft', status: 'drafting', appliedEventIds: [] }, [], {
      tenant: 'guangdong',
      actor,
    });
    const writers = 20;
    let succeeded = 0;
    await Promise.all(
      Array.from({ length: writers }, async (_, i) => {
        for (;;) {
          const current = await plans.findById(id).lean();
          if (!current) throw new Error('gone');
          const updated = await outbox.commit(plans, current, { $push: { appliedEventIds: `w${i}` } }, [], {
            tenant: 'guangdong',
            actor,
          });
          if (updated) {
            succeeded += 1;
            return;
          }
        }
      }),
    );
    const final = await plans.findById(id).lean();
    expect(succeeded).toBe(writers);
    expect(final?.version).toBe(writers + 1);
    expect([...(final?.appliedEventIds ?? [])].sort()).toEqual(
      Array.from({ length: writers }, (_, i) => `w${i}`).sort(),
    );
  });
});
