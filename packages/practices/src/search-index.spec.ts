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
