import { connectDatabase, tenantScope } from '@tradepilot/tenancy';
import { randomUUID } from 'node:crypto';
import { ServiceDatabases } from './service-databases';

/** Rounds no pilot area takes part in: each copy its own, as the one-plan-per-area-per-round index wants. */
export const firstCopyRound = 5000;

/**
 * `count` fresh plans, each never submitted: copies of one plan the gateway drafted and signed,
 * written into the plans service's database with its own model. The API cannot make them: a pilot
 * area has one plan per round and only a few rounds, so each copy gets a round of its own
 * (`firstCopyRound` + i; submission does not look at the round) and a new id, and no outbox (its
 * events were the original's). Returns the copies' ids; their version is the original's.
 */
export async function copySignedPlan(
  stack: { mongoUrl: string; databasePrefix: string },
  tenant: string,
  planId: string,
  count: number,
): Promise<string[]> {
  const connection = await connectDatabase({ url: stack.mongoUrl, serverSelectionTimeoutMS: 30_000 });
  try {
    const plans = new ServiceDatabases(connection, 'plans', stack.databasePrefix);
    const model = await plans.databases.model(tenantScope(tenant), plans.definition('Plan'));
    const original = await model.findById(planId).lean();
    if (!original) throw new Error(`plan ${planId} is not in the ${tenant} plans database`);
    const copies = Array.from({ length: count }, (_, i) => ({
      ...(original as Record<string, unknown>),
      _id: randomUUID(),
      round: firstCopyRound + i,
      outbox: [],
      relayLeaseUntil: null,
    }));
    for (let i = 0; i < copies.length; i += 500)
      await model.collection.insertMany(copies.slice(i, i + 500) as never[], { ordered: true });
    return copies.map((c) => c._id);
  } finally {
    await connection.close();
  }
}
