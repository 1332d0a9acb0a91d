import { procedure, requireProvince, router } from '@tradepilot/service-kit';
import { z } from 'zod';
import { advanceAdoption, declareAdoption, toAdoptionView, type AdoptionDeps } from './adoption-commands';
import { adoptionErrors } from './adoption-errors';
import {
  adoptionIdInput,
  advanceAdoptionInput,
  declareAdoptionInput,
  practiceIdInput,
} from './adoption-inputs';
import { adoptionModel, type AdoptionDocument } from './adoption-model';
import { adoptionMatrix } from './adoption-reads';
import type { LibraryIndex } from './library-index';

/** Replication of published practices by the caller's province, and the ministry's matrix. */
export function adoptionRouter(d: AdoptionDeps, index: LibraryIndex, threshold: number) {
  const { deps } = d;
  return router({
    declare: procedure
      .input(declareAdoptionInput)
      .mutation(({ ctx, input }) => declareAdoption(d, ctx, input)),
    advance: procedure
      .input(advanceAdoptionInput)
      .mutation(({ ctx, input }) => advanceAdoption(d, ctx, input)),
    get: procedure.input(adoptionIdInput).query(async ({ ctx, input }) => {
      const scope = requireProvince(ctx);
      const found = await (await deps.databases.model(scope, adoptionModel))
        .findById(input.adoptionId)
        .lean<AdoptionDocument>();
      if (!found) throw adoptionErrors.notFound();
      return toAdoptionView(found, scope.tenant);
    }),
    list: procedure.input(practiceIdInput.partial().default({})).query(async ({ ctx, input }) => {
      const scope = requireProvince(ctx);
      const found = await (
        await deps.databases.model(scope, adoptionModel)
      )
        .find(input.practiceId ? { practiceId: input.practiceId } : {})
        .select({ outbox: 0 })
        .sort({ updatedAt: -1 })
        .limit(200)
        .lean<AdoptionDocument[]>();
      return found.map((a) => toAdoptionView(a, scope.tenant));
    }),
    matrix: procedure
      .input(z.strictObject({}).default({}))
      .query(() => adoptionMatrix(deps, index.published(), threshold)),
  });
}
