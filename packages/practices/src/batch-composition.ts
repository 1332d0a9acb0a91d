import { insertOnce } from '@tradepilot/messaging';
import type { AuthorizedContext, ServiceDeps } from '@tradepilot/service-kit';
import { nationalScope, trusted } from '@tradepilot/tenancy';
import { randomUUID } from 'node:crypto';
import { batchErrors } from './batch-errors';
import type { CreateBatchInput, SaveBatchInput } from './batch-inputs';
import {
  batchModel,
  batchNumberModel,
  defaultPublisher,
  type BatchDocument,
  type BatchTheme,
} from './batch-model';
import { recommendedPracticeModel } from './recommended-practice-model';

export const practiceIdsOf = (themes: readonly BatchTheme[]) => themes.flatMap((t) => t.practiceIds);

async function batches(deps: ServiceDeps) {
  return deps.databases.model(nationalScope, batchModel);
}

export async function getBatch(deps: ServiceDeps, batchId: string): Promise<BatchDocument> {
  const batch = await (await batches(deps)).findById(batchId).lean<BatchDocument>();
  if (!batch) throw batchErrors.notFound();
  return batch;
}

/**
 * Reserves the batch's practices in the recommended pool: each must be there and free (or in this
 * batch already). Returns a release for what this call reserved, to undo it on a later failure.
 */
async function reservePractices(
  deps: ServiceDeps,
  batchId: string,
  themes: readonly BatchTheme[],
  before: readonly string[],
) {
  const ids = practiceIdsOf(themes);
  const repeated = [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
  if (repeated.length > 0) throw batchErrors.repeated(repeated);
  const pool = await deps.databases.model(nationalScope, recommendedPracticeModel);
  const found = await pool
    .find({ _id: trusted({ $in: ids }) })
    .select({ batchId: 1 })
    .lean<{ _id: string; batchId: string | null }[]>();
  const missing = ids.filter((id) => !found.some((f) => f._id === id));
  if (missing.length > 0) throw batchErrors.notRecommended(missing);
  const taken = found.filter((f) => f.batchId && f.batchId !== batchId).map((f) => f._id);
  if (taken.length > 0) throw batchErrors.inOtherBatch(taken);
  const added = ids.filter((id) => !before.includes(id));
  const reserved: string[] = [];
  for (const id of added) {
    const result = await pool.updateOne({ _id: id, batchId: null }, { $set: { batchId } });
    if (result.modifiedCount === 1) reserved.push(id);
    else {
      await pool.updateMany({ _id: trusted({ $in: reserved }), batchId }, { $set: { batchId: null } });
      throw batchErrors.inOtherBatch([id]);
    }
  }
  const removed = before.filter((id) => !ids.includes(id));
  return {
    release: () => pool.updateMany({ _id: trusted({ $in: reserved }), batchId }, { $set: { batchId: null } }),
    releaseRemoved: () =>
      pool.updateMany({ _id: trusted({ $in: removed }), batchId }, { $set: { batchId: null } }),
  };
}

/** Takes a batch number for `batchId`; false when another batch holds it. */
async function claimNumber(deps: ServiceDeps, number: number, batchId: string): Promise<boolean> {
  const numbers = await deps.databases.model(nationalScope, batchNumberModel);
  if ((await insertOnce(() => numbers.create({ _id: String(number), batchId }))) === 'inserted') return true;
  return (await numbers.countDocuments({ _id: String(number), batchId })) === 1;
}

async function releaseNumber(deps: ServiceDeps, number: number, batchId: string): Promise<void> {
  await (
    await deps.databases.model(nationalScope, batchNumberModel)
  ).deleteOne({ _id: String(number), batchId });
}

export async function createBatch(deps: ServiceDeps, ctx: AuthorizedContext, input: CreateBatchInput) {
  const id = randomUUID();
  if (!(await claimNumber(deps, input.number, id))) throw batchErrors.numberTaken(input.number);
  let reservation: Awaited<ReturnType<typeof reservePractices>>;
  try {
    reservation = await reservePractices(deps, id, input.themes, []);
  } catch (err) {
    await releaseNumber(deps, input.number, id);
    throw err;
  }
  const now = deps.now();
  try {
    return await deps.outbox.create<BatchDocument>(
      await batches(deps),
      {
        _id: id,
        number: input.number,
        title: input.title,
        publisher: input.publisher ?? defaultPublisher,
        releaseDate: input.releaseDate,
        themes: input.themes,
        status: 'draft',
        libraryVersion: null,
        publishedAt: null,
        illustrative: input.illustrative,
        createdAt: now,
        updatedAt: now,
        updatedBy: ctx.principal.userId,
      },
      [],
      { tenant: nationalScope.tenant, actor: ctx.actor, now },
    );
  } catch (err) {
    await reservation.release();
    await releaseNumber(deps, input.number, id);
    throw err;
  }
}

export async function saveBatch(deps: ServiceDeps, ctx: AuthorizedContext, input: SaveBatchInput) {
  const batch = await getBatch(deps, input.batchId);
  if (batch.status === 'published') throw batchErrors.published();
  if (batch.version !== input.version)
    throw batchErrors.versionConflict(input.version, batch.version, batch.updatedBy);
  const themes = input.themes ?? batch.themes;
  const renumbered = input.number !== undefined && input.number !== batch.number;
  if (renumbered && !(await claimNumber(deps, input.number as number, batch._id)))
    throw batchErrors.numberTaken(input.number as number);
  const undoNumber = () =>
    renumbered ? releaseNumber(deps, input.number as number, batch._id) : Promise.resolve();
  let reservation: Awaited<ReturnType<typeof reservePractices>>;
  try {
    reservation = await reservePractices(deps, batch._id, themes, practiceIdsOf(batch.themes));
  } catch (err) {
    await undoNumber();
    throw err;
  }
  const set: Record<string, unknown> = { updatedAt: deps.now(), updatedBy: ctx.principal.userId };
  for (const field of ['number', 'title', 'publisher', 'releaseDate', 'themes'] as const)
    if (input[field] !== undefined) set[field] = input[field];
  const updated = await deps.outbox.commit(await batches(deps), batch, { $set: set }, [], {
    tenant: nationalScope.tenant,
    actor: ctx.actor,
    now: deps.now(),
  });
  if (!updated) {
    await reservation.release();
    await undoNumber();
    const latest = await getBatch(deps, batch._id);
    throw batchErrors.versionConflict(input.version, latest.version, latest.updatedBy);
  }
  await reservation.releaseRemoved();
  if (renumbered) await releaseNumber(deps, batch.number, batch._id);
  return updated;
}
