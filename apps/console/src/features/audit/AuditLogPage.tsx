import { useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Input, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Inputs, Outputs } from '../../api/app-router';
import { api } from '../../api/trpc-client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useFormat, useLocalized } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { usePlaces } from '../../components/places';

type Entry = Outputs['audit']['crossProvinceCalls'][number];
type Query = Exclude<Inputs['audit']['crossProvinceCalls'], void | undefined>;

/** Who reached which provinces, with which procedure, when, and with what outcome. */
export default function AuditLogPage() {
  const { t } = useTranslation('audit');
  const format = useFormat();
  const localized = useLocalized();
  const places = usePlaces();
  const [draft, setDraft] = useState<Query>({ limit: 200 });
  const [query, setQuery] = useState<Query>({ limit: 200 });
  const log = useQuery({ queryKey: ['audit.crossProvinceCalls', query], queryFn: () => api.audit.crossProvinceCalls.query(query) });
  return (
    <>
      <PageTitle>{t('title')}</PageTitle>
      <div className="page-toolbar">
        <Input
          allowClear
          aria-label={t('filter.user')}
          placeholder={t('filter.user')}
          style={{ width: 180 }}
          onChange={(e) => setDraft((d) => ({ ...d, userId: e.target.value.trim() || undefined }))}
        />
        <Select
          allowClear
          aria-label={t('filter.province')}
          placeholder={t('filter.province')}
          style={{ minWidth: 160 }}
          optionFilterProp="label"
          showSearch
          options={places.provinces.map((p) => ({ value: p.id, label: localized(p.name) }))}
          onChange={(v?: string) => setDraft((d) => ({ ...d, province: v }))}
        />
        <Input
          allowClear
          aria-label={t('filter.procedure')}
          placeholder={t('filter.procedure')}
          style={{ width: 200 }}
          onChange={(e) => setDraft((d) => ({ ...d, procedure: e.target.value.trim() || undefined }))}
        />
        <DatePicker.RangePicker
          showTime
          aria-label={t('filter.period')}
          onChange={(range) =>
            setDraft((d) => ({ ...d, from: range?.[0]?.toISOString(), to: range?.[1]?.toISOString() }))
          }
        />
        <Button type="primary" onClick={() => setQuery(draft)}>
          {t('filter.apply')}
        </Button>
      </div>
      {log.error && <ErrorNotice error={log.error} />}
      <Table<Entry>
        rowKey="id"
        size="small"
        loading={log.isFetching}
        dataSource={log.data ?? []}
        scroll={{ x: true }}
        pagination={{ pageSize: 25, showSizeChanger: true }}
        locale={{ emptyText: t('empty') }}
        columns={[
          { title: t('column.at'), key: 'at', render: (_: unknown, e: Entry) => format.dateTime(e.at) },
          { title: t('column.user'), key: 'user', render: (_: unknown, e: Entry) => `${e.userId} (${e.role})` },
          { title: t('column.procedure'), key: 'procedure', render: (_: unknown, e: Entry) => <Typography.Text code>{e.procedure}</Typography.Text> },
          { title: t('column.provinces'), key: 'provinces', render: (_: unknown, e: Entry) => e.provinces.map((p) => places.province(p)).join('、') || '—' },
          {
            title: t('column.outcome'),
            key: 'outcome',
            render: (_: unknown, e: Entry) => (
              <Tag color={e.outcome === 'ok' ? 'green' : 'red'}>{e.errorCode ? `${t(`outcome.${e.outcome}`, { defaultValue: e.outcome })} ${e.errorCode}` : t(`outcome.${e.outcome}`, { defaultValue: e.outcome })}</Tag>
            ),
          },
          { title: t('column.via'), dataIndex: 'via', key: 'via', responsive: ['lg' as const] },
          {
            title: t('column.trace'),
            key: 'trace',
            responsive: ['md' as const],
            render: (_: unknown, e: Entry) => (e.traceId ? <Typography.Text code copyable>{e.traceId}</Typography.Text> : '—'),
          },
        ]}
      />
    </>
  );
}
