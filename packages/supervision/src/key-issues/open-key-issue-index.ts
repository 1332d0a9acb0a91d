import { isDuplicateKeyError, startupMigrationTask } from '@tradepilot/messaging';
import type { ServiceDeps } from '@tradepilot/service-kit';
import { nationalScope, trusted } from '@tradepilot/tenancy';
import type { Model } from 'mongoose';
import { keyIssueIndexModel, type KeyIssueIndexRow } from './key-issue-index-model';
import { openKeyIssueIndexModel } from './open-key-issue-index-model';

type IndexDeps = Pick<ServiceDeps, 'databases'>;

const fullRow = async (deps: IndexDeps, issueId: string) =>
  (await deps.databases.model(nationalScope, keyIssueIndexModel)).findById(issueId).lean<KeyIssueIndexRow>();

/** Deletes the open row if it copies the full row at `sequence` or before (a resolution is newer). */
const dropUpTo = (open: Model<KeyIssueIndexRow>, issueId: string, sequence: number) =>
  open.deleteOne({ _id: issueId, lastSequence: trusted({ $lte: sequence }) } as never);

/**
 * Writes the copy of `row` over an older one (never a newer one: the unique `_id` turns the
 * upsert that meets it into a no-op). Tells whether it inserted the open row.
 */
async function copyNewer(open: Model<KeyIssueIndexRow>, row: KeyIssueIndexRow): Promise<boolean> {
  const { _id, ...fields } = row;
  try {
    const result = await open.updateOne(
      { _id, lastSequence: trusted({ $lt: row.lastSequence }) } as never,
      { $set: fields },
      { upsert: true },
    );
    return result.upsertedCount === 1;
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    return false;
  }
}

/**
 * Brings an issue's open row in line with its full row (which the projection keeps in order: the
 * newest event applied wins): a copy of it while the issue is unresolved, none once resolved.
 * Idempotent, and safe with redelivered events and several instances: a copy goes only over an
 * older copy, a delete takes only a copy as old as the resolution. The one race left, a copy of
 * an older state inserted after the resolution deleted the row, is undone here: the insert looks
 * at the full row again, the resolution deletes after it wrote the full row, so one sees the other.
 */
export async function syncOpenKeyIssueRow(deps: IndexDeps, issueId: string): Promise<void> {
  const row = await fullRow(deps, issueId);
  if (!row) return;
  const open = await deps.databases.model(nationalScope, openKeyIssueIndexModel);
  if (row.status === 'resolved') {
    await dropUpTo(open, issueId, row.lastSequence);
    return;
  }
  if (!(await copyNewer(open, row))) return;
  const now = await fullRow(deps, issueId);
  if (now?.status === 'resolved') await dropUpTo(open, issueId, now.lastSequence);
}

/**
 * Fills `open_key_issue_index` from the unresolved rows of `key_issue_index` that it lacks, or
 * holds older (rows written before the open index existed, or a sync a crash cut short). One read
 * of the full index and one of the open one; returns how many rows it wrote.
 */
export async function fillOpenKeyIssueIndex(deps: IndexDeps): Promise<number> {
  const open = await deps.databases.model(nationalScope, openKeyIssueIndexModel);
  const kept = new Map(
    (
      await open.find({}).select({ lastSequence: 1 }).lean<Pick<KeyIssueIndexRow, '_id' | 'lastSequence'>[]>()
    ).map((r) => [r._id, r.lastSequence]),
  );
  const unresolved = await (
    await deps.databases.model(nationalScope, keyIssueIndexModel)
  )
    .find({ status: trusted({ $ne: 'resolved' }) } as never)
    .select({ lastSequence: 1 })
    .lean<Pick<KeyIssueIndexRow, '_id' | 'lastSequence'>[]>();
  let filled = 0;
  for (const row of unresolved) {
    if ((kept.get(row._id) ?? -1) >= row.lastSequence) continue;
    await syncOpenKeyIssueRow(deps, row._id);
    filled += 1;
  }
  return filled;
}

/** At start, so existing databases' inboxes find what they held before. */
export const openKeyIssueIndexMigration = (deps: Pick<ServiceDeps, 'logger' | 'databases'>) =>
  startupMigrationTask(
    'open-key-issue-index',
    () => fillOpenKeyIssueIndex(deps),
    deps.logger,
    'copied the unresolved key issues of the national index to the open one',
  );
