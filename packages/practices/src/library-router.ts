import { procedure, router, type ServiceDeps } from '@tradepilot/service-kit';
import { z } from 'zod';
import { practiceLineage } from './adoption-reads';
import { batchHtml, batchXlsx } from './batch-export';
import { batchErrors } from './batch-errors';
import { batchIdInput } from './batch-inputs';
import { getPracticeInput } from './practice-inputs';
import type { LibraryIndex } from './library-index';
import { LibraryReader, toBatchView, toLibraryView } from './library-reads';
import { searchFacets } from './search-index';

/** The published library: every signed-in user of every province reads it. */
const facetValues = z.array(z.string().trim().min(1).max(64)).max(20).optional();
const searchInput = z
  .strictObject({
    text: z.string().trim().max(200).optional(),
    filters: z
      .strictObject(
        Object.fromEntries(searchFacets.map((f) => [f, facetValues])) as Record<
          (typeof searchFacets)[number],
          typeof facetValues
        >,
      )
      .optional(),
    sort: z.enum(['relevance', 'date']).default('relevance'),
    limit: z.int().min(1).max(100).default(20),
    offset: z.int().min(0).max(10_000).default(0),
  })
  .default({ sort: 'relevance', limit: 20, offset: 0 });

export function libraryRouter(
  deps: ServiceDeps,
  library: LibraryReader,
  index: LibraryIndex,
  threshold: number,
) {
  const publishedBatch = async (batchId: string) => {
    const batch = (await library.batches()).find((b) => b._id === batchId);
    if (!batch) throw batchErrors.notFound();
    return { batch, cases: await library.practices({ batchId }) };
  };
  return router({
    /** the library version, the one this instance's index reflects, its size and update times */
    version: procedure.query(async () => ({
      version: await library.version(),
      indexed: index.search.version,
      indexedPractices: index.size,
      indexRebuildMs: Math.round(index.lastRebuildMs),
      indexAdditionMs: Math.round(index.lastAdditionMs),
      indexAdditionPractices: index.lastAdditionPractices,
      indexRefreshFailures: index.consecutiveFailures,
    })),
    /** full text (Chinese bigrams, English words, BM25) with facet counts, from this instance's index: one page of lean hits */
    search: procedure.input(searchInput).query(({ input }) => index.query(input)),
    batches: procedure.query(async () => (await library.batches()).map(toBatchView)),
    list: procedure
      .input(z.strictObject({ batchId: z.uuid().optional() }).default({}))
      .query(async ({ input }) => (await library.practices(input)).map(toLibraryView)),
    /** measures → originating areas → replicating provinces and areas → their plan tasks */
    lineage: procedure.input(getPracticeInput).query(async ({ input }) =>
      practiceLineage(
        deps,
        // the index's copy saves two reads; one published after its last rebuild is read from the library
        index.view(input.practiceId) ?? toLibraryView(await library.practice(input.practiceId)),
        threshold,
      ),
    ),
    get: procedure
      .input(getPracticeInput)
      .query(async ({ input }) => toLibraryView(await library.practice(input.practiceId))),
    exportBatch: procedure.input(batchIdInput).query(async ({ input }) => {
      const { batch, cases } = await publishedBatch(input.batchId);
      return batchXlsx(batch, cases, deps.registry);
    }),
    printBatch: procedure.input(batchIdInput).query(async ({ input }) => {
      const { batch, cases } = await publishedBatch(input.batchId);
      return batchHtml(batch, cases, deps.registry);
    }),
  });
}
