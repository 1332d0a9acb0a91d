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
  /** one page (offset, limit) of the matches, best first */
  hits: { id: string; score: number }[];
  /** counts of each facet's values over the matching documents */
  facets: Record<SearchFacet, { value: string; count: number }[]>;
}

/**
 * The one interface behind which the library is searched. The in-service index below implements
 * it; a deployment that outgrows it implements the same contract over OpenSearch/Elasticsearch
 * (README, "Library search", has the mapping). What every implementation guarantees:
 * - `add` and `replaceAll` become visible to `search` as one step: a search sees the index before
 *   or after them, never part of the documents (so never half of a published batch);
 * - `version` moves only once the documents of that library version are searchable;
 * - the caller serialises `add` and `replaceAll` (one update at a time).
 */
export interface LibrarySearch {
  /** the whole library as of `version`, replacing what the index held */
  replaceAll(documents: readonly SearchDocument[], version: number): void | Promise<void>;
  /** the practices published after the index's version up to `version` (one with a known id replaces it) */
  add(documents: readonly SearchDocument[], version: number): void | Promise<void>;
  search(query: SearchQuery): SearchResult | Promise<SearchResult>;
  /** the library version the index reflects */
  readonly version: number;
  /** how many published practices it holds */
  readonly size: number;
}

const k1 = 1.2;
const b = 0.75;
const titleWeight = 2;

/** One term's documents (ordinals, ascending) with the term's frequency in each. */
interface Posting {
  ords: number[];
  tfs: number[];
  /** documents in `ords` that are still live (a replaced document stays, marked dead) */
  df: number;
}

/**
 * Every facet value of the index, interned once across facets: documents hold value numbers, so
 * counting a match is incrementing a few numbers.
 */
class FacetValues {
  readonly values: string[] = [];
  readonly facetOf: number[] = [];
  private readonly numbers = searchFacets.map(() => new Map<string, number>());
  /** per value, its place among its facet's values (collation order), for display */
  rank: Int32Array = new Int32Array(0);

  number(facet: number, value: string): number | undefined {
    return this.numbers[facet]?.get(value);
  }

  intern(facet: number, value: string): number {
    const known = this.numbers[facet] as Map<string, number>;
    let n = known.get(value);
    if (n === undefined) {
      n = this.values.length;
      this.values.push(value);
      this.facetOf.push(facet);
      known.set(value, n);
    }
    return n;
  }

  reRank(collator: Intl.Collator): void {
    const order = this.values
      .map((_, i) => i)
      .sort((x, y) => collator.compare(this.values[x] as string, this.values[y] as string));
    this.rank = new Int32Array(this.values.length);
    order.forEach((n, position) => {
      this.rank[n] = position;
    });
  }
}

/** Everything a search reads; replaced by one assignment on a rebuild. */
class IndexState {
  readonly ids: string[] = [];
  readonly publishedAt: string[] = [];
  readonly lengths: number[] = [];
  readonly live: boolean[] = [];
  /** per document, its distinct terms (to retire them when the document is replaced) */
  readonly terms: string[][] = [];
  /** per document, its facet value numbers (each value once) */
  readonly values: Int32Array[] = [];
  readonly facetValues = new FacetValues();
  readonly byId = new Map<string, number>();
  readonly postings = new Map<string, Posting>();
  liveCount = 0;
  totalLength = 0;
  /** live documents, newest first (ties by id): the order of a date sort and of a search without text */
  byDate: Int32Array = new Int32Array(0);
  /** per document, its place in `byDate` */
  dateRank: Int32Array = new Int32Array(0);
  /** per document, its place in id order: ties of relevance */
  idRank: Int32Array = new Int32Array(0);
}

const collator = new Intl.Collator();

/**
 * BM25 over title (counted twice) and body, in memory: the library is hundreds to a few thousand
 * cases. Postings, facet values and sort orders are computed when documents arrive, so a search
 * touches only the postings of its terms and the facet numbers of the documents it matches.
 */
export class InMemoryLibrarySearch implements LibrarySearch {
  private state = new IndexState();
  version = 0;

  get size(): number {
    return this.state.liveCount;
  }

  replaceAll(documents: readonly SearchDocument[], version: number): void {
    const next = new IndexState();
    insert(next, documents);
    // one assignment: a search meanwhile used the old state
    this.state = next;
    this.version = version;
  }

  add(documents: readonly SearchDocument[], version: number): void {
    // synchronous from start to end: no search runs in between
    insert(this.state, documents);
    this.version = version;
  }

  search(query: SearchQuery): SearchResult {
    const s = this.state;
    const queryTerms = [...new Set(tokens(query.text ?? ''))];
    const byText = queryTerms.length > 0;
    const candidates = byText ? matching(s, queryTerms) : null;

    const fv = s.facetValues;
    // allowed[value] = 1 when a filter names it; `required` has a bit per filtered facet
    const allowed = new Uint8Array(fv.values.length);
    let required = 0;
    searchFacets.forEach((facet, f) => {
      const values = query.filters?.[facet];
      if (!values || values.length === 0) return;
      required |= 1 << f;
      for (const v of values) {
        const n = fv.number(f, v);
        if (n !== undefined) allowed[n] = 1;
      }
    });

    // a match passing every filter is a hit and counts in every facet; one failing exactly one
    // filter still counts in that facet (a facet's counts ignore its own filter)
    const counts = new Int32Array(fv.values.length);
    const facetOf = fv.facetOf;
    const hits: number[] = [];
    const visit = (d: number) => {
      const own = s.values[d] as Int32Array;
      let satisfied = 0;
      if (required !== 0)
        for (let i = 0; i < own.length; i++) {
          const n = own[i] as number;
          if (allowed[n] === 1) satisfied |= 1 << (facetOf[n] as number);
        }
      const failing = required & ~satisfied;
      if (failing === 0) {
        hits.push(d);
        for (let i = 0; i < own.length; i++) {
          const n = own[i] as number;
          counts[n] = (counts[n] as number) + 1;
        }
      } else if ((failing & (failing - 1)) === 0) {
        for (let i = 0; i < own.length; i++) {
          const n = own[i] as number;
          if (1 << (facetOf[n] as number) === failing) counts[n] = (counts[n] as number) + 1;
        }
      }
    };
    if (candidates) for (const d of candidates.ords) visit(d);
    else for (const d of s.byDate) visit(d);

    const scores = candidates?.scores;
    const offset = query.offset ?? 0;
    const wanted = offset + (query.limit ?? 20);
    // without text, `byDate` already gave the hits newest first; otherwise only the page is ordered
    const page = !byText
      ? hits.slice(offset, wanted)
      : best(
          hits,
          wanted,
          query.sort === 'date'
            ? (x, y) => (s.dateRank[x] as number) - (s.dateRank[y] as number)
            : (x, y) =>
                (scores?.[y] as number) - (scores?.[x] as number) ||
                (s.idRank[x] as number) - (s.idRank[y] as number),
        ).slice(offset);

    const present: number[][] = searchFacets.map(() => []);
    for (let n = 0; n < counts.length; n++)
      if ((counts[n] as number) > 0) present[facetOf[n] as number]?.push(n);
    const facets = Object.fromEntries(
      searchFacets.map((facet, f) => [
        facet,
        (present[f] as number[])
          .sort(
            (x, y) =>
              (counts[y] as number) - (counts[x] as number) ||
              (fv.rank[x] as number) - (fv.rank[y] as number),
          )
          .map((n) => ({ value: fv.values[n] as string, count: counts[n] as number })),
      ]),
    ) as SearchResult['facets'];
    return {
      total: hits.length,
      hits: page.map((d) => ({
        id: s.ids[d] as string,
        score: scores ? Math.round((scores[d] as number) * 1000) / 1000 : 0,
      })),
      facets,
    };
  }
}

/** The first `k` of `items` in `compare` order, without sorting the rest. */
function best(items: number[], k: number, compare: (x: number, y: number) => number): number[] {
  if (k >= items.length / 4) return items.sort(compare).slice(0, k);
  const top: number[] = [];
  for (const item of items) {
    if (top.length === k && compare(item, top[k - 1] as number) >= 0) continue;
    let low = 0;
    let high = top.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (compare(item, top[middle] as number) < 0) high = middle;
      else low = middle + 1;
    }
    top.splice(low, 0, item);
    if (top.length > k) top.pop();
  }
  return top;
}

/** The live documents holding every query term (AND: 跨境 must not match 跨 and 境 apart), scored. */
function matching(s: IndexState, queryTerms: string[]): { ords: number[]; scores: Float64Array } {
  const scores = new Float64Array(s.ids.length);
  const lists: Posting[] = [];
  for (const term of queryTerms) {
    const posting = s.postings.get(term);
    if (!posting || posting.df === 0) return { ords: [], scores };
    lists.push(posting);
  }
  lists.sort((x, y) => x.ords.length - y.ords.length);
  const seen = new Uint16Array(s.ids.length);
  const averageLength = s.liveCount ? s.totalLength / s.liveCount : 1;
  for (const posting of lists) {
    const idf = Math.log(1 + (s.liveCount - posting.df + 0.5) / (posting.df + 0.5));
    const { ords, tfs } = posting;
    for (let i = 0; i < ords.length; i++) {
      const d = ords[i] as number;
      const tf = tfs[i] as number;
      seen[d] = (seen[d] as number) + 1;
      scores[d] =
        (scores[d] as number) +
        (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * (s.lengths[d] as number)) / averageLength));
    }
  }
  const all = lists.length;
  const ords = (lists[0] as Posting).ords.filter((d) => seen[d] === all && s.live[d]);
  return { ords, scores };
}

/** Adds documents to a state; one whose id is already there replaces it. */
function insert(s: IndexState, documents: readonly SearchDocument[]): void {
  let newValues = false;
  for (const doc of documents) {
    const previous = s.byId.get(doc.id);
    if (previous !== undefined) retire(s, previous);
    const d = s.ids.length;
    const frequencies = new Map<string, number>();
    const titleTerms = tokens(doc.title);
    const bodyTerms = tokens(doc.body);
    for (const term of titleTerms) frequencies.set(term, (frequencies.get(term) ?? 0) + titleWeight);
    for (const term of bodyTerms) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
    const length = titleTerms.length * titleWeight + bodyTerms.length;
    for (const [term, tf] of frequencies) {
      let posting = s.postings.get(term);
      if (!posting) {
        posting = { ords: [], tfs: [], df: 0 };
        s.postings.set(term, posting);
      }
      posting.ords.push(d);
      posting.tfs.push(tf);
      posting.df += 1;
    }
    s.ids.push(doc.id);
    s.publishedAt.push(doc.publishedAt);
    s.lengths.push(length);
    s.live.push(true);
    s.terms.push([...frequencies.keys()]);
    const known = s.facetValues.values.length;
    const numbers = new Set<number>();
    searchFacets.forEach((facet, f) => {
      for (const v of doc.facets[facet] ?? []) numbers.add(s.facetValues.intern(f, v));
    });
    if (s.facetValues.values.length > known) newValues = true;
    s.values.push(Int32Array.from(numbers));
    s.byId.set(doc.id, d);
    s.liveCount += 1;
    s.totalLength += length;
  }
  if (newValues) s.facetValues.reRank(collator);
  reorder(s);
}

/** Marks a replaced document dead: its postings stay (skipped), its counts leave the statistics. */
function retire(s: IndexState, d: number): void {
  if (!s.live[d]) return;
  s.live[d] = false;
  s.liveCount -= 1;
  s.totalLength -= s.lengths[d] as number;
  for (const term of s.terms[d] ?? []) {
    const posting = s.postings.get(term);
    if (posting) posting.df -= 1;
  }
}

/** Date and id orders of the live documents, recomputed when documents arrive (not per search). */
function reorder(s: IndexState): void {
  const live: number[] = [];
  for (let d = 0; d < s.ids.length; d++) if (s.live[d]) live.push(d);
  const byId = (x: number, y: number) => ((s.ids[x] as string) < (s.ids[y] as string) ? -1 : 1);
  const idOrder = [...live].sort(byId);
  const idRank = new Int32Array(s.ids.length);
  idOrder.forEach((d, i) => {
    idRank[d] = i;
  });
  const byDate = Int32Array.from(
    live.sort(
      (x, y) =>
        ((s.publishedAt[y] as string) < (s.publishedAt[x] as string)
          ? -1
          : (s.publishedAt[y] as string) > (s.publishedAt[x] as string)
            ? 1
            : 0) || (idRank[x] as number) - (idRank[y] as number),
    ),
  );
  const dateRank = new Int32Array(s.ids.length);
  byDate.forEach((d, i) => {
    dateRank[d] = i;
  });
  s.idRank = idRank;
  s.byDate = byDate;
  s.dateRank = dateRank;
}
