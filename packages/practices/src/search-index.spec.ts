import { InMemoryLibrarySearch, type SearchDocument } from './search-index';
import { tokens } from './search-tokens';

const doc = (
  id: string,
  title: string,
  body: string,
  facets: Partial<SearchDocument['facets']> = {},
  publishedAt = '2026-07-01',
): SearchDocument => ({
  id,
  title,
  body,
  publishedAt,
  facets: {
    taskGroup: [],
    originProvince: [],
    pilotArea: [],
    batch: [],
    year: [],
    tag: [],
    measure: [],
    ...facets,
  },
});

describe('library search', () => {
  it('splits Chinese into bigrams and the rest into lower-case words', () => {
    expect(tokens('跨境数据')).toEqual(['跨境', '境数', '数据']);
    expect(tokens('Cross-border DATA 流动')).toEqual(['cross', 'border', 'data', '流动']);
    expect(tokens('港')).toEqual(['港']);
  });

  const index = new InMemoryLibrarySearch();
  index.replaceAll(
    [
      doc(
        'a',
        '跨境数据流动白名单',
        '企业一次申报，跨境数据安全有序流动。',
        { originProvince: ['guangdong'], taskGroup: ['opening-up'], tag: ['跨境数据'] },
        '2026-07-01',
      ),
      doc(
        'b',
        '跨越省界的边境口岸通关',
        '推动跨越地区的边境贸易便利化。',
        { originProvince: ['guangxi'], taskGroup: ['facilitation'] },
        '2026-08-01',
      ),
      doc(
        'c',
        'Data trade zone',
        'An English case about cross-border data services.',
        { originProvince: ['shanghai'], taskGroup: ['opening-up'], tag: ['数字贸易'] },
        '2026-09-01',
      ),
    ],
    3,
  );

  it('finds 跨境 in 跨境数据 and not in 跨越…边境', () => {
    expect(index.search({ text: '跨境' }).hits.map((h) => h.id)).toEqual(['a']);
    expect(index.search({ text: '边境' }).hits.map((h) => h.id)).toEqual(['b']);
  });

  it('finds English words, ranks by BM25, sorts by date on request', () => {
    expect(index.search({ text: 'data' }).hits.map((h) => h.id)).toEqual(['c']);
    expect(index.search({ text: 'DATA services' }).hits.map((h) => h.id)).toEqual(['c']);
    expect(index.search({}).hits.map((h) => h.id)).toEqual(['c', 'b', 'a']);
    expect(index.search({ text: '数据', sort: 'date' }).hits.map((h) => h.id)).toEqual(['a']);
  });

  it('counts facets over the matches, each ignoring its own filter', () => {
    const all = index.search({ filters: { taskGroup: ['opening-up'] } });
    expect(all.hits.map((h) => h.id).sort()).toEqual(['a', 'c']);
    expect(all.facets.taskGroup).toEqual([
      { value: 'opening-up', count: 2 },
      { value: 'facilitation', count: 1 },
    ]);
    expect(all.facets.originProvince).toEqual([
      { value: 'guangdong', count: 1 },
      { value: 'shanghai', count: 1 },
    ]);
    expect(index.search({ text: '跨境', filters: { originProvince: ['guangxi'] } }).total).toBe(0);
  });
});

describe('library search, updated as batches are published', () => {
  const many = Array.from({ length: 30 }, (_, i) =>
    doc(
      `p${String(i).padStart(2, '0')}`,
      `服务外包案例 ${i}`,
      i % 3 === 0 ? '数据跨境服务外包，数据合规。' : '服务外包平台。',
      { batch: [String(Math.floor(i / 10) + 1)], tag: i % 2 === 0 ? ['外包'] : ['平台'] },
      `2026-0${Math.floor(i / 10) + 1}-${String((i % 10) + 10)}`,
    ),
  );

  it('adds a batch in one step, moving the version; a known id replaces its document', () => {
    const index = new InMemoryLibrarySearch();
    index.replaceAll(many.slice(0, 20), 2);
    expect(index.search({ text: '外包' }).total).toBe(20);
    index.add(many.slice(20), 3);
    expect(index.version).toBe(3);
    expect(index.size).toBe(30);
    expect(index.search({ text: '外包' }).total).toBe(30);
    expect(index.search({}).facets.batch).toEqual([
      { value: '1', count: 10 },
      { value: '2', count: 10 },
      { value: '3', count: 10 },
    ]);
    index.add([doc('p00', 'Replaced case', 'no longer about outsourcing', { batch: ['9'] })], 4);
    expect(index.size).toBe(30);
    expect(index.search({ text: '外包' }).hits.map((h) => h.id)).not.toContain('p00');
    expect(index.search({ text: 'replaced' }).hits.map((h) => h.id)).toEqual(['p00']);
    expect(index.search({}).facets.batch).toContainEqual({ value: '9', count: 1 });
    expect(index.search({}).facets.batch).toContainEqual({ value: '1', count: 9 });
  });

  it('gives any page of the same order a full sort gives', () => {
    const index = new InMemoryLibrarySearch();
    index.replaceAll(many, 1);
    for (const sort of ['relevance', 'date'] as const)
      for (const text of ['外包', '数据', undefined]) {
        const all = index.search({ text, sort, limit: 100 }).hits.map((h) => h.id);
        expect(all.length).toBeGreaterThan(0);
        for (const offset of [0, 3, 7])
          expect(index.search({ text, sort, limit: 4, offset }).hits.map((h) => h.id)).toEqual(
            all.slice(offset, offset + 4),
          );
      }
    // relevance: the three-term matches (数据 twice in the body) first, then by id
    expect(
      index
        .search({ text: '数据' })
        .hits.map((h) => h.id)
        .slice(0, 3),
    ).toEqual(['p00', 'p03', 'p06']);
    // date: newest first
    expect(index.search({ sort: 'date', limit: 2 }).hits.map((h) => h.id)).toEqual(['p29', 'p28']);
  });

  it('counts a facet over the matches that fail only its own filter', () => {
    const index = new InMemoryLibrarySearch();
    index.replaceAll(many, 1);
    const result = index.search({ text: '外包', filters: { batch: ['1'], tag: ['外包'] } });
    expect(result.total).toBe(5);
    // batch counts ignore the batch filter: every batch's 外包-tagged cases
    expect(result.facets.batch).toEqual([
      { value: '1', count: 5 },
      { value: '2', count: 5 },
      { value: '3', count: 5 },
    ]);
    expect(result.facets.tag).toEqual([
      { value: '外包', count: 5 },
      { value: '平台', count: 5 },
    ]);
    expect(index.search({ filters: { batch: ['unknown'] } }).total).toBe(0);
  });
});
