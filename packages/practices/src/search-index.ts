import { tokens } from './search-tokens';

/** What the library search indexes of one published practice. */
export interface SearchDocument {
  id: string;
  title: string;
  body: string;
  publishedAt: string;
  facets: Record<SearchFacet, string[]>;
}

// `originProvince`, not `province`: the gateway refuses a provincial caller's input whose `province`
// field names another province, and filtering the published library by province is everyone's right
export const searchFacets = [
  'taskGroup',
  'originProvince',
  'pilotArea',
  'batch',
  'year',
  'tag',
  'measure',
] as const;
export type SearchFacet = (typeof searchFacets)[number];

export interface SearchQuery {
  text?: string | undefined;
  /** each facet given narrows the result to documents with one of its values */
  filters?: Partial<Record<SearchFacet, string[]>> | undefined;
  sort?: 'relevance' | 'date' | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

export interface SearchResult {
  total: number;
  hits: { id: string; score: number }[];
  /** counts of each facet's values over the matching documents */
  facets: Record<SearchFacet, { value: string; count: number }[]>;
}

/**
 * The one interface behind which the library is searched. The in-service index below implements
 * it; a deployment that outgrows it implements the same contract over OpenSearch/Elasticsearch
 * (see README, "Library search"): `replaceAll` = reindex into a new index and swap an alias,
 * `search` = a bool query (multi_match over title^2 and body with a CJK bigram analyzer,
 * terms filters per facet) with terms aggregations for the facets.
 */
export interface LibrarySearch {
  replaceAll(documents: readonly SearchDocument[], version: number): void | Promise<void>;
  search(query: SearchQuery): SearchResult | Promise<SearchResult>;
  /** the library version the index reflects */
  readonly version: number;
}

const k1 = 1.2;
const b = 0.75;
const titleWeight = 2;

interface Indexed {
  doc: SearchDocument;
  length: number;
  terms: Map<string, number>;
}

/** BM25 over title (counted twice) and body, in memory: the library is hundreds of cases. */
export class InMemoryLibrarySearch implements LibrarySearch {
  private docs: Indexed[] = [];
  private postings = new Map<string, Indexed[]>();
  private averageLength = 1;
  version = 0;

  replaceAll(documents: readonly SearchDocument[], version: number): void {
    const docs = documents.map((doc) => {
      const terms = new Map<string, number>();
      const all = [
        ...tokens(doc.title).flatMap((t) => Array<string>(titleWeight).fill(t)),
        ...tokens(doc.body),
      ];
      for (const term of all) terms.set(term, (terms.get(term) ?? 0) + 1);
      return { doc, length: all.length, terms };
    });
    const postings = new Map<string, Indexed[]>();
    for (const d of docs)
      for (const term of d.terms.keys()) {
        const list = postings.get(term);
        if (list) list.push(d);
        else postings.set(term, [d]);
      }
    // swapped in one assignment each: a search running meanwhile sees the old or the new index
    this.averageLength = docs.length ? docs.reduce((s, d) => s + d.length, 0) / docs.length : 1;
    this.postings = postings;
    this.docs = docs;
    this.version = version;
  }

  search(query: SearchQuery): SearchResult {
    const docs = this.docs;
    const postings = this.postings;
    const queryTerms = [...new Set(tokens(query.text ?? ''))];
    let scored: { d: Indexed; score: number }[];
    if (queryTerms.length === 0) {
      scored = docs.map((d) => ({ d, score: 0 }));
    } else {
      // every query term must occur (AND): 跨境 must not match a text with only 跨 and 境 apart
      const lists = queryTerms.map((t) => postings.get(t) ?? []);
      const [shortest, ...others] = [...lists].sort((x, y) => x.length - y.length);
      const sets = others.map((l) => new Set(l));
      const matching = (shortest ?? []).filter((d) => sets.every((s) => s.has(d)));
      scored = matching.map((d) => ({
        d,
        score: queryTerms.reduce((sum, term, i) => {
          const df = (lists[i] as Indexed[]).length;
          const idf = Math.log(1 + (docs.length - df + 0.5) / (df + 0.5));
          const tf = d.terms.get(term) ?? 0;
          return sum + (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * d.length) / this.averageLength));
        }, 0),
      }));
    }
    const filters = Object.entries(query.filters ?? {}).filter(
      ([, values]) => values && values.length > 0,
    ) as [SearchFacet, string[]][];
    const passes = (d: Indexed, except?: SearchFacet) =>
      filters.every(
        ([facet, values]) => facet === except || d.doc.facets[facet].some((v) => values.includes(v)),
      );
    const hits = scored.filter((s) => passes(s.d));
    hits.sort((x, y) =>
      query.sort === 'date' || queryTerms.length === 0
        ? y.d.doc.publishedAt.localeCompare(x.d.doc.publishedAt) || x.d.doc.id.localeCompare(y.d.doc.id)
        : y.score - x.score || x.d.doc.id.localeCompare(y.d.doc.id),
    );
    const facets = Object.fromEntries(
      searchFacets.map((facet) => {
        // a facet's counts ignore its own filter, so the other values stay selectable
        const counts = new Map<string, number>();
        for (const s of scored)
          if (passes(s.d, facet))
            for (const v of new Set(s.d.doc.facets[facet])) counts.set(v, (counts.get(v) ?? 0) + 1);
        return [
          facet,
          [...counts]
            .map(([value, count]) => ({ value, count }))
            .sort((x, y) => y.count - x.count || x.value.localeCompare(y.value)),
        ];
      }),
    ) as SearchResult['facets'];
    const offset = query.offset ?? 0;
    return {
      total: hits.length,
      hits: hits
        .slice(offset, offset + (query.limit ?? 20))
        .map((s) => ({ id: s.d.doc.id, score: Math.round(s.score * 1000) / 1000 })),
      facets,
    };
  }
}
