import { procedure, requireProvince, router, type ServiceDeps } from '@tradepilot/service-kit';
import { nationalScope } from '@tradepilot/tenancy';
import { z } from 'zod';
import { adoptionSummary } from './adoption-reads';
import type { LibraryIndex } from './library-index';
import type { LibraryReader } from './library-reads';
import { maySee, practiceForCaller } from './practice-access';
import { createPractice, savePractice, type DraftingDeps } from './practice-drafting';
import {
  createPracticeInput,
  getPracticeInput,
  listPracticesInput,
  poolInput,
  savePracticeInput,
  submitPracticeInput,
} from './practice-inputs';
import { submitPractice } from './practice-submission';
import { toAuditView, toPracticeView } from './practice-view';
import { recommendedPracticeModel, type RecommendedPracticeDocument } from './recommended-practice-model';

/** The practice records of the caller's province, and the ministry's pool of recommended ones. */
export function practiceRouter(
  d: DraftingDeps,
  library: LibraryReader,
  index: LibraryIndex,
  threshold: number,
) {
  const { deps, practices } = d;
  return router({
    create: procedure.input(createPracticeInput).mutation(({ ctx, input }) => createPractice(d, ctx, input)),
    save: procedure.input(savePracticeInput).mutation(({ ctx, input }) => savePractice(d, ctx, input)),
    submit: procedure.input(submitPracticeInput).mutation(({ ctx, input }) => submitPractice(d, ctx, input)),
    get: procedure.input(getPracticeInput).query(async ({ ctx, input }) => {
      const { scope, practice } = await practiceForCaller(practices, ctx, input.practiceId);
      return toPracticeView(practice, scope.tenant);
    }),
    list: procedure.input(listPracticesInput).query(async ({ ctx, input }) => {
      const scope = requireProvince(ctx);
      const found = await practices.list(scope, input.status ? { status: input.status } : {});
      return found.filter((p) => maySee(ctx, p)).map((p) => toPracticeView(p, scope.tenant));
    }),
    audit: procedure.input(getPracticeInput).query(async ({ ctx, input }) => {
      const { scope, practice } = await practiceForCaller(practices, ctx, input.practiceId);
      return (await practices.audit(scope, practice._id)).map(toAuditView);
    }),
    /** the practices part of the ministry's national overview (national.overview) */
    nationalSummary: procedure.input(z.strictObject({}).default({})).query(async () => {
      const [published, batches, adoption] = await Promise.all([
        library.practices(),
        library.batches(),
        adoptionSummary(deps, index.published(), threshold),
      ]);
      const pool = await deps.databases.model(nationalScope, recommendedPracticeModel);
      return {
        publishedPractices: published.length,
        publishedBatches: batches.length,
        latestBatch: batches.at(-1)?.number ?? null,
        recommendedPool: await pool.countDocuments({}),
        awaitingBatch: await pool.countDocuments({ batchId: null }),
        provincesPublished: new Set(published.map((p) => p.province)).size,
        libraryVersion: await library.version(),
        ...adoption,
      };
    }),
    recommendedPool: procedure.input(poolInput).query(async ({ input }) => {
      const pool = await deps.databases.model(nationalScope, recommendedPracticeModel);
      const found = await pool
        .find(input.province ? { province: input.province } : {})
        .sort({ recommendedAt: -1 })
        .limit(500)
        .lean<RecommendedPracticeDocument[]>();
      return found.map(toPoolView);
    }),
  });
}

export function toPoolView(p: RecommendedPracticeDocument) {
  return {
    id: p._id,
    province: p.province,
    pilotAreaId: p.pilotAreaId,
    title: p.title,
    taskGroupId: p.taskGroupId,
    tags: [...p.tags],
    submission: p.submission,
    caseId: p.caseId,
    recommendedAt: new Date(p.recommendedAt).toISOString(),
    batchId: p.batchId ?? null,
  };
}

export type { ServiceDeps };
