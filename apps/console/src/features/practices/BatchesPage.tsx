import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Empty, Popconfirm, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Outputs } from '../../api/app-router';
import { api } from '../../api/trpc-client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useFormat, useLocalized } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { usePlaces } from '../../components/places';
import { RefreshButton } from '../../components/RefreshButton';
import { useNotify } from '../../components/useNotify';
import { download } from '../catalog/file-transfer';
import { BatchEditor, type Batch } from './BatchEditor';

type PoolEntry = Outputs['practice']['recommendedPool'][number];

/** The ministry's pool of recommended cases and its numbered batches: compose, edit until published, publish, XLSX and print. */
export default function BatchesPage() {
  const { t } = useTranslation('practices');
  const format = useFormat();
  const localized = useLocalized();
  const places = usePlaces();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<{ batch: Batch | null } | null>(null);
  const pool = useQuery({ queryKey: ['practice.recommendedPool'], queryFn: () => api.practice.recommendedPool.query({}) });
  const batches = useQuery({ queryKey: ['batch.list'], queryFn: () => api.batch.list.query() });
  const numberOf = new Map((batches.data ?? []).map((b) => [b.id, b.number]));
  const changed = () => {
    void queryClient.invalidateQueries({ queryKey: ['batch.list'] });
    void queryClient.invalidateQueries({ queryKey: ['practice.recommendedPool'] });
  };
  const publish = useMutation({
    mutationFn: (b: Batch) => api.batch.publish.mutate({ batchId: b.id, version: b.version }),
    onSuccess: (b) => {
      notify.done(t('batches.published', { number: b.number }));
      changed();
      void queryClient.invalidateQueries({ queryKey: ['library.search'] });
    },
    onError: (error) => notify.failed(error),
  });
  const exportXlsx = async (b: Batch) => {
    try {
      download(await api.library.exportBatch.query({ batchId: b.id }));
    } catch (error) {
      notify.failed(error);
    }
  };
  const print = async (b: Batch) => {
    // opened before the answer arrives: a window opened later is a pop-up the browser blocks
    const target = window.open('', '_blank');
    try {
      const file = await api.library.printBatch.query({ batchId: b.id });
      const url = URL.createObjectURL(new Blob([file.content], { type: file.contentType }));
      if (target) target.location.href = url;
      else window.open(url, '_blank');
    } catch (error) {
      target?.close();
      notify.failed(error);
    }
  };

  return (
    <>
      <PageTitle
        extra={
          <Space wrap>
            <RefreshButton queryKeys={[['batch.list'], ['practice.recommendedPool']]} />
            <Button type="primary" onClick={() => setEditing({ batch: null })}>
              {t('batches.create')}
            </Button>
          </Space>
        }
      >
        {t('batches.title')}
      </PageTitle>
      {batches.error && <ErrorNotice error={batches.error} />}
      <Card size="small" title={t('batches.list')} style={{ marginBottom: 16 }}>
        <Table<Batch>
          rowKey="id"
          size="small"
          loading={batches.isFetching}
          dataSource={[...(batches.data ?? [])].sort((a, b) => b.number - a.number)}
          scroll={{ x: true }}
          pagination={false}
          locale={{ emptyText: <Empty description={t('batches.listEmpty')} /> }}
          columns={[
            { title: t('batches.column.number'), key: 'number', width: 90, render: (_, b) => t('library.batchLabel', { number: b.number }) },
            { title: t('batches.column.title'), key: 'title', render: (_, b) => localized(b.title) },
            { title: t('batches.column.releaseDate'), key: 'releaseDate', render: (_, b) => format.date(b.releaseDate) },
            {
              title: t('batches.column.practices'),
              key: 'practices',
              render: (_, b) => format.number(b.themes.reduce((n, th) => n + th.practiceIds.length, 0)),
            },
            {
              title: t('batches.column.status'),
              key: 'status',
              render: (_, b) => <Tag color={b.status === 'published' ? 'success' : 'default'}>{t(`batchStatus.${b.status}`)}</Tag>,
            },
            {
              title: t('batches.column.actions'),
              key: 'actions',
              render: (_, b) =>
                b.status === 'published' ? (
                  <Space wrap>
                    <Button size="small" onClick={() => void exportXlsx(b)}>
                      {t('batches.exportXlsx')}
                    </Button>
                    <Button size="small" onClick={() => void print(b)}>
                      {t('batches.print')}
                    </Button>
                  </Space>
                ) : (
                  <Space wrap>
                    <Button size="small" onClick={() => setEditing({ batch: b })}>
                      {t('batches.edit')}
                    </Button>
                    <Popconfirm title={t('batches.publishConfirm', { number: b.number })} onConfirm={() => publish.mutate(b)}>
                      <Button size="small" type="primary" loading={publish.isPending && publish.variables?.id === b.id}>
                        {t('batches.publish')}
                      </Button>
                    </Popconfirm>
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      {pool.error && <ErrorNotice error={pool.error} />}
      <Card size="small" title={t('batches.pool')}>
        <Table<PoolEntry>
          rowKey="id"
          size="small"
          loading={pool.isFetching}
          dataSource={pool.data ?? []}
          scroll={{ x: true }}
          pagination={{ pageSize: 20 }}
          locale={{ emptyText: <Empty description={t('batches.poolEmpty')} /> }}
          columns={[
            { title: t('batches.column.practice'), key: 'title', render: (_, p) => localized(p.title) },
            { title: t('batches.column.origin'), key: 'origin', render: (_, p) => `${places.province(p.province)} · ${places.pilotArea(p.pilotAreaId)}` },
            { title: t('batches.column.recommendedAt'), key: 'at', render: (_, p) => format.dateTime(p.recommendedAt) },
            {
              title: t('batches.column.batch'),
              key: 'batch',
              render: (_, p) =>
                p.batchId ? <Tag>{t('batches.inBatch', { number: numberOf.get(p.batchId) ?? '?' })}</Tag> : <Tag color="processing">{t('batches.free')}</Tag>,
            },
          ]}
        />
      </Card>
      {editing && (
        <BatchEditor
          batch={editing.batch}
          pool={pool.data ?? []}
          open
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            changed();
          }}
        />
      )}
    </>
  );
}
