import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Checkbox, Empty, Input, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Outputs } from '../../api/app-router';
import { api } from '../../api/trpc-client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useFormat, useLocalized } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { usePlaces } from '../../components/places';
import { RefreshButton } from '../../components/RefreshButton';
import { useTaskGroupName } from './practice-labels';

type Search = Outputs['library']['search'];
type Hit = Search['hits'][number];
type Facet = keyof Search['facets'];
type Filters = Partial<Record<Facet, string[]>>;
const facets: Facet[] = ['taskGroup', 'originProvince', 'pilotArea', 'batch', 'year', 'tag', 'measure'];

/** The published library: full-text search in Chinese and English, facets with counts, server-side paging. */
export default function LibraryPage() {
  const { t } = useTranslation('practices');
  const format = useFormat();
  const localized = useLocalized();
  const places = usePlaces();
  const taskGroups = useTaskGroupName();
  const [draftText, setDraftText] = useState('');
  const [text, setText] = useState('');
  const [filters, setFilters] = useState<Filters>({});
  const [sort, setSort] = useState<'relevance' | 'date'>('relevance');
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const input = {
    ...(text ? { text } : {}),
    filters,
    sort,
    limit: page.pageSize,
    offset: (page.current - 1) * page.pageSize,
  };
  const search = useQuery({
    queryKey: ['library.search', input],
    queryFn: () => api.library.search.query(input),
    placeholderData: keepPreviousData,
  });

  const valueLabel = (facet: Facet, value: string) => {
    switch (facet) {
      case 'originProvince':
        return places.province(value);
      case 'pilotArea':
        return places.pilotArea(value);
      case 'taskGroup':
        return taskGroups.name(value);
      case 'batch':
        return t('library.batchLabel', { number: value });
      default:
        return value;
    }
  };
  const choose = (facet: Facet, values: string[]) => {
    setFilters((f) => ({ ...f, [facet]: values.length > 0 ? values : undefined }));
    setPage((p) => ({ ...p, current: 1 }));
  };
  const result = search.data;
  const anyFilter = Object.values(filters).some((v) => v && v.length > 0);

  return (
    <>
      <PageTitle extra={<RefreshButton queryKeys={[['library.search']]} />}>{t('library.title')}</PageTitle>
      <div className="page-toolbar">
        <Input.Search
          aria-label={t('library.search')}
          placeholder={t('library.search')}
          enterButton={t('library.searchButton')}
          allowClear
          style={{ maxWidth: 480 }}
          value={draftText}
          onChange={(e) => setDraftText(e.target.value)}
          onSearch={(value) => {
            setText(value.trim());
            setPage((p) => ({ ...p, current: 1 }));
          }}
        />
        <Segmented<'relevance' | 'date'>
          aria-label={t('library.sort')}
          value={sort}
          onChange={(v) => setSort(v)}
          options={[
            { value: 'relevance', label: t('library.sortRelevance') },
            { value: 'date', label: t('library.sortDate') },
          ]}
        />
        {anyFilter && <Button onClick={() => setFilters({})}>{t('library.clearFilters')}</Button>}
      </div>
      {search.error && <ErrorNotice error={search.error} />}
      <div className="practices-library">
        <aside className="practices-facets">
          {facets.map((facet) => {
            const values = result?.facets[facet] ?? [];
            if (values.length === 0) return null;
            return (
              <Card key={facet} size="small" title={t(`library.facet.${facet}`)} style={{ marginBottom: 12 }}>
                <div role="group" aria-label={t(`library.facet.${facet}`)}>
                  <Checkbox.Group
                    className="practices-facet-values"
                    value={filters[facet] ?? []}
                    onChange={(v) => choose(facet, v)}
                    options={values.map((v) => ({ value: v.value, label: `${valueLabel(facet, v.value)} (${format.number(v.count)})` }))}
                  />
                </div>
              </Card>
            );
          })}
        </aside>
        <section className="practices-hits">
          <Typography.Text type="secondary">{t('library.total', { count: result?.total ?? 0 })}</Typography.Text>
          <Table<Hit>
            rowKey={(h) => h.practice.id}
            size="small"
            loading={search.isFetching}
            dataSource={result?.hits ?? []}
            locale={{ emptyText: <Empty description={t('library.empty')} /> }}
            pagination={{
              current: page.current,
              pageSize: page.pageSize,
              total: result?.total ?? 0,
              showSizeChanger: true,
              onChange: (current, pageSize) => setPage({ current, pageSize }),
            }}
            columns={[
              {
                title: t('practice.practice'),
                key: 'title',
                render: (_, h) => (
                  <div>
                    <Link to={`/practices/library/${h.practice.id}`}>{localized(h.practice.title)}</Link>
                    {h.practice.illustrative && <Tag style={{ marginLeft: 8 }}>{t('illustrative')}</Tag>}
                    <div className="practices-summary">{h.practice.summary}</div>
                    <Space size={4} wrap>
                      {h.practice.tags.map((tag) => (
                        <Tag key={tag}>{tag}</Tag>
                      ))}
                    </Space>
                  </div>
                ),
              },
              {
                title: t('practice.origin'),
                key: 'origin',
                width: 160,
                render: (_, h) => `${places.province(h.practice.province)} · ${places.pilotArea(h.practice.pilotAreaId)}`,
              },
              {
                title: t('practice.batch'),
                key: 'batch',
                width: 140,
                render: (_, h) => (
                  <>
                    <div>{t('library.batchLabel', { number: h.practice.batchNumber })}</div>
                    <Typography.Text type="secondary">{format.date(h.practice.publishedAt)}</Typography.Text>
                  </>
                ),
              },
            ]}
          />
        </section>
      </div>
    </>
  );
}
