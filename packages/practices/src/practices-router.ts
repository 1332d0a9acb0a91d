import { router } from '@tradepilot/service-kit';
import { adoptionRouter } from './adoption-router';
import { batchRouter } from './batch-router';
import type { LibraryIndex } from './library-index';
import type { LibraryReader } from './library-reads';
import { libraryRouter } from './library-router';
import type { DraftingDeps } from './practice-drafting';
import { practiceRouter } from './practice-router';

/** Every procedure of the practices service. */
export function practicesRouter(
  d: DraftingDeps,
  library: LibraryReader,
  index: LibraryIndex,
  threshold: number,
) {
  return router({
    practice: practiceRouter(d, library, index, threshold),
    // a publication on this instance refreshes its index at once; the others see it on their next poll
    batch: batchRouter(d.deps, () => void index.refresh()),
    library: libraryRouter(d.deps, library, index, threshold),
    adoption: adoptionRouter({ deps: d.deps, library, attachments: d.attachments }, index, threshold),
  });
}
export type PracticesRouter = ReturnType<typeof practicesRouter>;
