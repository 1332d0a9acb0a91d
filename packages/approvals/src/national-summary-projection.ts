import {
  approvalApplicationDecidedV1,
  approvalApplicationRegisteredV1,
  approvalCaseCompletedV1,
  approvalCaseOpenedV1,
  approvalEscalatedV1,
  approvalStepDecidedV1,
  type EventDefinition,
} from '@tradepilot/contracts';
import { eventHandler, isDuplicateKeyError, type EventHandler } from '@tradepilot/messaging';
import { tenantScope, trusted } from '@tradepilot/tenancy';
import type { ApprovalsRepository } from './approvals-repository';
import { caseCounts, matterCounts } from './province-counts';
import type { ProvinceSummaryCache } from './province-summary-cache';

/**
 * Recomputes a province's summary from its own database after one of its changes. Ordering
 * without transactions: the change is stored before its event; the revision is bumped after the
 * event arrives and before the read; a summary is written only over an older revision. So the
 * summary of the highest revision read everything that revision stands for.
 */
export async function refreshProvinceSummary(
  repository: ApprovalsRepository,
  tenant: string,
  now: Date,
  cache?: ProvinceSummaryCache,
): Promise<void> {
  const { revision } = (await (await repository.summaryRevisions())
    .findOneAndUpdate({ _id: tenant }, { $inc: { revision: 1 } }, { upsert: true, new: true })
    .lean()) as { revision: number };
  const scope = tenantScope(tenant);
  const [cases, counts] = await Promise.all([caseCounts(repository, scope), matterCounts(repository, scope)]);
  // names travel with the counts, so the national read is one query
  const named = await (await repository.matters())
    .find({ _id: trusted({ $in: counts.map((c) => c.matterId) }) } as never, { name: 1 })
    .lean();
  const matters = counts.map((c) => ({ ...c, name: named.find((m) => m._id === c.matterId)?.name ?? null }));
  const summary = { _id: tenant, revision, computedAt: now, ...cases, matters };
  try {
    const { _id: _tenant, ...fields } = summary;
    await (
      await repository.summaries()
    ).updateOne(
      { _id: tenant, revision: trusted({ $lt: revision }) } as never,
      { $set: fields },
      { upsert: true },
    );
    cache?.put(summary);
  } catch (err) {
    // a newer revision is already there
    if (!isDuplicateKeyError(err)) throw err;
  }
}

const summarised: EventDefinition[] = [
  approvalCaseOpenedV1,
  approvalStepDecidedV1,
  approvalCaseCompletedV1,
  approvalEscalatedV1,
  approvalApplicationRegisteredV1,
  approvalApplicationDecidedV1,
];

/** Each event that changes what the summary counts refreshes its province's summary. */
export const nationalSummaryProjection = (
  repository: ApprovalsRepository,
  now: () => Date,
  cache: ProvinceSummaryCache,
): EventHandler[] =>
  summarised.map((e) =>
    eventHandler(e, async (event) => refreshProvinceSummary(repository, event.tenant, now(), cache)),
  );
