import { procedure, router, type ServiceDeps } from '@tradepilot/service-kit';
import { nationalScope } from '@tradepilot/tenancy';
import { createBatch, getBatch, saveBatch } from './batch-composition';
import { batchIdInput, createBatchInput, publishBatchInput, saveBatchInput } from './batch-inputs';
import { batchModel, type BatchDocument } from './batch-model';
import { publishBatch } from './batch-publication';
import { toBatchView } from './library-reads';

/** The ministry composes and publishes numbered batches (practices_national). */
export function batchRouter(deps: ServiceDeps, onPublished: () => void) {
  return router({
    create: procedure
      .input(createBatchInput)
      .mutation(async ({ ctx, input }) => toBatchView(await createBatch(deps, ctx, input))),
    save: procedure
      .input(saveBatchInput)
      .mutation(async ({ ctx, input }) => toBatchView(await saveBatch(deps, ctx, input))),
    publish: procedure.input(publishBatchInput).mutation(async ({ ctx, input }) => {
      const published = await publishBatch(deps, ctx, input);
      onPublished();
      return toBatchView(published);
    }),
    get: procedure
      .input(batchIdInput)
      .query(async ({ input }) => toBatchView(await getBatch(deps, input.batchId))),
    list: procedure.query(async () => {
      const found = await (await deps.databases.model(nationalScope, batchModel))
        .find()
        .select({ outbox: 0 })
        .sort({ number: 1 })
        .lean<BatchDocument[]>();
      return found.map(toBatchView);
    }),
  });
}
