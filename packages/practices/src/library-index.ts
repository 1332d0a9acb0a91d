import type { BackgroundTask, ServiceDeps } from '@tradepilot/service-kit';
import type { LibraryPracticeDocument } from './library-model';
import { toLibraryView, type LibraryPracticeView, type LibraryReader } from './library-reads';
import {
  InMemoryLibrarySearch,
  type LibrarySearch,
  type SearchDocument,
  type SearchQuery,
} from './search-index';

export function searchDocumentOf(p: LibraryPracticeDocument): SearchDocument {
  const publishedAt = new Date(p.publishedAt).toISOString();
  return {
    id: p._id,
    title: `${p.title['zh-CN']} ${p.title.en}`,
    body: `${p.practice}\n${p.results}`,
    publishedAt,
    facets: {
      taskGroup: p.taskGroupId ? [p.taskGroupId] : [],
      originProvince: [...new Set([p.province, ...p.coAuthors.map((c) => c.province)])],
      pilotArea: [p.pilotAreaId, ...p.coAuthors.map((c) => c.pilotAreaId)],
      batch: [String(p.batchNumber)],
      year: [publishedAt.slice(0, 4)],
      tag: [...p.tags],
      measure: [...p.measureIds],
    },
  };
}

/**
 * Keeps this instance's search index equal to the published library: rebuilt from
 * practices_national at start, then rebuilt whenever the library version pointer moves (polled,
 * so every instance catches up within one poll of a publication).
 */
export class LibraryIndex implements BackgroundTask {
  readonly name = 'library-index';
  private timer: NodeJS.Timeout | undefined;
  private views = new Map<string, LibraryPracticeView>();
  private refreshing: Promise<void> | undefined;
  lastRebuildMs = 0;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly library: LibraryReader,
    private readonly pollMs: number,
    readonly search: LibrarySearch = new InMemoryLibrarySearch(),
  ) {}

  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.pollMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Rebuilds when the library moved on; one refresh at a time; a failure waits for the next poll. */
  refresh(): Promise<void> {
    this.refreshing ??= (async () => {
      try {
        const version = await this.library.version();
        if (version === this.search.version && this.views.size > 0) return;
        if (version === 0 && this.search.version === 0) return;
        const started = performance.now();
        const practices = await this.library.practices();
        await this.search.replaceAll(practices.map(searchDocumentOf), version);
        this.views = new Map(practices.map((p) => [p._id, toLibraryView(p)]));
        this.lastRebuildMs = performance.now() - started;
        this.deps.logger.info(
          { version, practices: practices.length, ms: Math.round(this.lastRebuildMs) },
          'library index rebuilt',
        );
      } catch (err) {
        this.deps.logger.warn({ err }, 'library index refresh failed; next poll retries');
      } finally {
        this.refreshing = undefined;
      }
    })();
    return this.refreshing;
  }

  /** the published practices as of the version the index reflects */
  published(): LibraryPracticeView[] {
    return [...this.views.values()];
  }

  view(practiceId: string): LibraryPracticeView | undefined {
    return this.views.get(practiceId);
  }

  /** how many published practices the index holds */
  get size(): number {
    return this.views.size;
  }

  async query(query: SearchQuery) {
    const result = await this.search.search(query);
    return {
      libraryVersion: this.search.version,
      total: result.total,
      hits: result.hits.flatMap((h) => {
        const view = this.views.get(h.id);
        return view ? [{ score: h.score, practice: view }] : [];
      }),
      facets: result.facets,
    };
  }
}
