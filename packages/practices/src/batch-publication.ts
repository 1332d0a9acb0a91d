import { batchPublishedV1, practicePublishedV1 } from '@tradepilot/contracts';
import { eventDraft, insertOnce } from '@tradepilot/messaging';
import type { AuthorizedContext, ServiceDeps } from '@tradepilot/service-kit';
import { nationalScope, trusted } from '@tradepilot/tenancy';
import { batchErrors } from './batch-errors';
import { roundOf } from './program-round';
import { getBatch, practiceIdsOf } from './batch-composition';
import { batchModel, type BatchDocument } from './batch-model';
import {
  libraryAdditionId,
  libraryAdditionModel,
  libraryPracticeModel,
  libraryStateModel,
  publicationLockModel,
  type LibraryPracticeDocument,
  type LibraryStateDocument,
} from './library-model';
import { recommendedPracticeModel, type RecommendedPracticeDocument } from './recommended-practice-model';

const libraryStateId = 'library';
const lockId = 'publishing';
/** a publication lock older than this was left by a crash */
const staleLockMs = 60_000;

/** The library version a reader sees: published practices at or below it are visible. */
export async function libraryVersion(deps: ServiceDeps): Promise<number> {
  const state = await (await deps.databases.model(nationalScope, libraryStateModel))
    .findById(libraryStateId)
    .lean<LibraryStateDocument>();
  return state?.version ?? 0;
}

/** Moves the library version pointer to `target` (never back). */
async function movePointer(deps: ServiceDeps, from: number, target: number): Promise<void> {
  const states = await deps.databases.model(nationalScope, libraryStateModel);
  const now = deps.now();
  if (
    from === 0 &&
    (await insertOnce(() => states.create({ _id: libraryStateId, version: target, updatedAt: now }))) ===
      'inserted'
  )
    return;
  await states.updateOne(
    { _id: libraryStateId, version: trusted({ $lt: target }) },
    { $set: { version: target, updatedAt: now } },
  );
}

async function takeLock(deps: ServiceDeps, batchId: string): Promise<() => Promise<void>> {
  const locks = await deps.databases.model(nationalScope, publicationLockModel);
  const now = deps.now();
  const release = async () => void (await locks.deleteOne({ _id: lockId, batchId }));
  if ((await insertOnce(() => locks.create({ _id: lockId, batchId, at: now }))) === 'inserted')
    return release;
  const held = await locks.findById(lockId).lean<{ at: Date }>();
  if (held && now.getTime() - new Date(held.at).getTime() < staleLockMs)
    throw batchErrors.publicationRunning();
  await locks.deleteOne({ _id: lockId });
  if ((await insertOnce(() => locks.create({ _id: lockId, batchId, at: now }))) !== 'inserted')
    throw batchErrors.publicationRunning();
  return release;
}

/**
 * Publishes every case of a batch as one step a reader can see: the cases are written into the
 * library at the next library version (invisible: readers stop at the current one), then the
 * batch commits as published with batch.published.v1 and one practice.published.v1 per case,
 * then the version pointer moves, last. One publication runs at a time. Publishing a published
 * batch again only completes a pointer move a crash may have left undone.
 */
export async function publishBatch(
  deps: ServiceDeps,
  ctx: AuthorizedContext,
  input: { batchId: string; version: number },
) {
  let batch = await getBatch(deps, input.batchId);
  if (batch.status === 'published') {
    await movePointer(deps, await libraryVersion(deps), batch.libraryVersion ?? 0);
    return batch;
  }
  if (batch.version !== input.version)
    throw batchErrors.versionConflict(input.version, batch.version, batch.updatedBy);
  const ids = practiceIdsOf(batch.themes);
  if (ids.length === 0) throw batchErrors.empty();
  const release = await takeLock(deps, batch._id);
  const library = await deps.databases.model(nationalScope, libraryPracticeModel);
  const additions = await deps.databases.model(nationalScope, libraryAdditionModel);
  try {
    const current = await libraryVersion(deps);
    const target = current + 1;
    const now = deps.now();
    const pool = await (await deps.databases.model(nationalScope, recommendedPracticeModel))
      .find({ _id: trusted({ $in: ids }) })
      .lean<RecommendedPracticeDocument[]>();
    const byId = new Map(pool.map((p) => [p._id, p]));
    const missing = ids.filter((id) => !byId.has(id));
    if (missing.length > 0) throw batchErrors.notRecommended(missing);
    // cast by the library's schema (its defaults filled in): the addition holds what the library holds
    const cases = batch.themes
      .flatMap((theme) =>
        theme.practiceIds.map((id) => {
          const p = byId.get(id) as RecommendedPracticeDocument;
          const { _id, submission: _s, caseId: _c, recommendedAt: _r, batchId: _b, ...content } = p;
          return {
            _id,
            ...content,
            batchId: batch._id,
            batchNumber: batch.number,
            theme: theme.name,
            libraryVersion: target,
            publishedAt: now,
            illustrative: batch.illustrative,
          };
        }),
      )
      .map((c) => new library(c).toObject() as LibraryPracticeDocument);
    // one round trip for the whole batch (a case per statement), not one per case
    await library.bulkWrite(
      cases.map((c) => ({ replaceOne: { filter: { _id: c._id }, replacement: c, upsert: true } })),
      { ordered: true },
    );
    // the same cases as one document of this version, which the instances' indexes read by _id
    await additions.replaceOne(
      { _id: libraryAdditionId(target) },
      { _id: libraryAdditionId(target), version: target, batchId: batch._id, practices: cases, at: now },
      { upsert: true },
    );
    const events = [
      eventDraft(batchPublishedV1, {
        batchId: batch._id,
        number: batch.number,
        title: batch.title,
        publisher: batch.publisher,
        releaseDate: batch.releaseDate,
        themes: batch.themes.map((t) => ({ name: t.name, practiceIds: [...t.practiceIds] })),
        practiceCount: ids.length,
        libraryVersion: target,
        publishedAt: now.toISOString(),
      }),
      ...ids.map((id) => {
        const p = byId.get(id) as RecommendedPracticeDocument;
        return eventDraft(practicePublishedV1, {
          practiceId: id,
          province: p.province,
          pilotAreaId: p.pilotAreaId,
          title: p.title,
          taskGroupId: p.taskGroupId,
          batchId: batch._id,
          batchNumber: batch.number,
          publishedAt: now.toISOString(),
          coAuthors: (p.coAuthors ?? []).map((c) => ({ pilotAreaId: c.pilotAreaId, province: c.province })),
          ...roundOf(deps, p.pilotAreaId),
        });
      }),
    ];
    const updated = await deps.outbox.commit(
      await deps.databases.model(nationalScope, batchModel),
      batch,
      {
        $set: {
          status: 'published',
          libraryVersion: target,
          publishedAt: now,
          updatedAt: now,
          updatedBy: ctx.principal.userId,
        },
      },
      events,
      { tenant: nationalScope.tenant, actor: ctx.actor, now },
    );
    if (!updated) {
      // written but never visible: removed so a later publication at this version cannot show them
      await library.deleteMany({ batchId: batch._id, libraryVersion: target });
      await additions.deleteOne({ _id: libraryAdditionId(target), batchId: batch._id });
      const latest = await getBatch(deps, batch._id);
      throw batchErrors.versionConflict(input.version, latest.version, latest.updatedBy);
    }
    batch = updated;
    await movePointer(deps, current, target);
    return batch as BatchDocument;
  } finally {
    await release();
  }
}
