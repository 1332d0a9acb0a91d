import { startupMigrationTask } from '@tradepilot/messaging';
import type { ServiceDeps } from '@tradepilot/service-kit';
import { trusted } from '@tradepilot/tenancy';
import type { ApprovalsRepository } from './approvals-repository';
import type { CaseIndexEntry } from './case-index-model';
import { upsertNewer } from './case-index-projection';

const batchSize = 100;

/**
 * Entries of closed cases written to `case_index` before closed cases had their own index move to
 * `closed_case_index`: each is upserted there (only if newer), then deleted from the open index
 * (only if not changed since). Every step is idempotent, so a crash or several instances running
 * it at once leave each entry in one place. Returns how many entries this run moved.
 */
export async function moveClosedIndexEntries(repository: ApprovalsRepository): Promise<number> {
  const open = await repository.index();
  const closed = await repository.closedIndex();
  let moved = 0;
  for (let round = 0; round < 10_000; round += 1) {
    const entries = await open
      .find({ status: trusted({ $ne: 'open' }) } as never)
      .limit(batchSize)
      .lean<CaseIndexEntry[]>();
    if (entries.length === 0) break;
    for (const { _id, sourceSequence, ...fields } of entries) {
      await upsertNewer(closed, _id, sourceSequence, { $set: fields });
      const { deletedCount } = await open.deleteOne({
        _id,
        sourceSequence: trusted({ $lte: sourceSequence }),
      } as never);
      moved += deletedCount;
    }
  }
  return moved;
}

/** The move as a start-up task of the service (retried while the database is away). */
export const closedCaseIndexMigration = (
  deps: Pick<ServiceDeps, 'logger'>,
  repository: ApprovalsRepository,
) =>
  startupMigrationTask(
    'closed-case-index',
    () => moveClosedIndexEntries(repository),
    deps.logger,
    'moved closed cases out of the open case index',
  );
