import type { BackgroundTask, ServiceDeps } from '@tradepilot/service-kit';
import type { LibraryPracticeDocument } from './library-model';
import {
  toLibraryHitView,
  toLibraryView,
  type LibraryHitView,
  type LibraryPracticeView,
  type LibraryReader,
} from './library-reads';
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

export interface LibraryIndexTiming {
  /** how often the library version pointer is read */
  pollMs: number;
  /** how often the whole library is read again and the index rebuilt beside the live one */
  rebuildMs: number;
}

interface Entry {
  view: LibraryPracticeView;
  hit: LibraryHitView;
}

/**
 * Keeps this instance's search index equal to the published library. At start (and every
 * `rebuildMs`) it reads the whole library as of the version pointer and replaces the index;
 * in between it polls the pointer and, when it moved, reads only the practices published since
 * the version the index reflects (each publication's addition document, by `_id`: whole batches,
 * written before the pointer moves) and adds them in one step. A failed read changes nothing and the next poll
 * retries from the same version, so an instance that missed publications (or restarted)
 * converges; the periodic rebuild repairs anything an addition could not see.
 */
export class LibraryIndex implements BackgroundTask {
  readonly name = 'library-index';
  private timers: NodeJS.Timeout[] = [];
  private entries = new Map<string, Entry>();
  private running: Promise<void> | undefined;
  private again = false;
  private rebuildDue = true;
  /** how long the last whole-library rebuild took (read + index) */
  lastRebuildMs = 0;
  /** how long the last addition took (read + index), and how many practices it added */
  lastAdditionMs = 0;
  lastAdditionPractices = 0;
  consecutiveFailures = 0;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly library: LibraryReader,
    private readonly timing: LibraryIndexTiming,
    readonly search: LibrarySearch = new InMemoryLibrarySearch(),
  ) {}

  async start(): Promise<void> {
    await this.refresh();
    const poll = setInterval(() => void this.refresh(), this.timing.pollMs);
    const rebuild = setInterval(() => {
      this.rebuildDue = true;
      void this.refresh();
    }, this.timing.rebuildMs);
    poll.unref();
    rebuild.unref();
    this.timers = [poll, rebuild];
  }

  stop(): void {
    for (const timer of this.timers) clearInterval(timer);
  }

  /**
   * Brings the index up to the library version. One refresh runs at a time; one asked for
   * meanwhile (a publication on this instance) runs right after it, so it sees the new version.
   */
  refresh(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.catchUp();
        } while (this.again);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  private async catchUp(): Promise<void> {
    try {
      const version = await this.library.version();
      const indexed = this.search.version;
      // a pointer behind the index: the library was restored or replaced, start over
      if (this.rebuildDue || version < indexed) await this.rebuild(version);
      else if (version > indexed) await this.addSince(indexed, version);
      this.consecutiveFailures = 0;
    } catch (err) {
      this.consecutiveFailures += 1;
      this.deps.logger.warn(
        { err, failures: this.consecutiveFailures },
        'library index refresh failed; the next poll retries',
      );
    }
  }

  private async rebuild(version: number): Promise<void> {
    const started = performance.now();
    const practices = await this.library.publishedBetween(0, version);
    const entries = new Map(practices.map((p) => [p._id, entryOf(p)]));
    // every hit the new index can give has its entry before the index answers with it
    for (const [id, entry] of entries) this.entries.set(id, entry);
    await this.search.replaceAll(practices.map(searchDocumentOf), version);
    this.entries = entries;
    this.rebuildDue = false;
    this.lastRebuildMs = performance.now() - started;
    this.deps.logger.info(
      { version, practices: practices.length, ms: Math.round(this.lastRebuildMs) },
      'library index rebuilt',
    );
  }

  private async addSince(indexed: number, version: number): Promise<void> {
    const started = performance.now();
    const practices =
      (await this.library.additions(indexed, version)) ??
      (await this.library.publishedBetween(indexed, version));
    for (const p of practices) this.entries.set(p._id, entryOf(p));
    await this.search.add(practices.map(searchDocumentOf), version);
    this.lastAdditionMs = performance.now() - started;
    this.lastAdditionPractices = practices.length;
    this.deps.logger.info(
      { from: indexed, version, practices: practices.length, ms: Math.round(this.lastAdditionMs) },
      'library index caught up',
    );
  }

  /** the published practices as of the version the index reflects */
  published(): LibraryPracticeView[] {
    return [...this.entries.values()].map((e) => e.view);
  }

  view(practiceId: string): LibraryPracticeView | undefined {
    return this.entries.get(practiceId)?.view;
  }

  /** how many published practices the index holds */
  get size(): number {
    return this.search.size;
  }

  /** one page of hits (lean views) with the facet counts over every match */
  async query(query: SearchQuery) {
    const version = this.search.version;
    const result = await this.search.search(query);
    return {
      libraryVersion: version,
      total: result.total,
      hits: result.hits.flatMap((h) => {
        const entry = this.entries.get(h.id);
        return entry ? [{ score: h.score, practice: entry.hit }] : [];
      }),
      facets: result.facets,
    };
  }
}

function entryOf(p: LibraryPracticeDocument): Entry {
  const view = toLibraryView(p);
  return { view, hit: toLibraryHitView(view) };
}
