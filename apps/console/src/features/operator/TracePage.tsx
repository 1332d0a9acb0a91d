import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Drawer, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { Outputs } from '../../api/app-router';
import { api } from '../../api/trpc-client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useFormat } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';

type Trace = Outputs['operator']['trace']['get'];
type Span = Trace['spans'][number];

/** One trace as a waterfall: every span across gateway, services and Kafka, with its attributes and errors. */
export default function TracePage() {
  const { traceId = '' } = useParams();
  const { t } = useTranslation('operator');
  const format = useFormat();
  const [open, setOpen] = useState<Span | null>(null);
  const trace = useQuery({ queryKey: ['operator.trace.get', traceId], queryFn: () => api.operator.trace.get.query({ traceId }) });
  if (trace.isPending) return <Spin size="large" className="page-loading" />;
  if (trace.error) return <ErrorNotice error={trace.error} />;
  const tr = trace.data;
  const total = Math.max(tr.durationMs, 0.001);
  return (
    <>
      <PageTitle>{t('trace.title', { id: tr.traceId })}</PageTitle>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('traces.root')}>{`${tr.rootService}: ${tr.rootOperation}`}</Descriptions.Item>
          <Descriptions.Item label={t('traces.started')}>{format.dateTime(tr.startedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('traces.duration')}>{`${tr.durationMs.toFixed(1)} ms`}</Descriptions.Item>
          <Descriptions.Item label={t('traces.services')}>{tr.services.join('、')}</Descriptions.Item>
          <Descriptions.Item label={t('traces.errors')}>{tr.errorCount}</Descriptions.Item>
          {tr.jaegerUiUrl && (
            <Descriptions.Item label={t('trace.jaeger')}>
              <Typography.Link href={tr.jaegerUiUrl} target="_blank" rel="noreferrer">
                {t('trace.openInJaeger')}
              </Typography.Link>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Table<Span>
        rowKey="spanId"
        size="small"
        pagination={false}
        dataSource={tr.spans}
        scroll={{ x: true }}
        onRow={(s) => ({ onClick: () => setOpen(s), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('trace.span'),
            key: 'span',
            render: (_: unknown, s: Span) => (
              <span style={{ paddingLeft: s.depth * 14, whiteSpace: 'nowrap' }}>
                <Tag color={s.error ? 'red' : 'blue'}>{s.service}</Tag>
                {s.operation}
              </span>
            ),
          },
          {
            title: t('trace.timeline'),
            key: 'bar',
            width: '45%',
            render: (_: unknown, s: Span) => (
              <div style={{ position: 'relative', height: 14, minWidth: 160 }}>
                <div
                  className={`waterfall-bar${s.error ? ' error' : ''}`}
                  style={{ position: 'absolute', left: `${(s.offsetMs / total) * 100}%`, width: `${Math.max((s.durationMs / total) * 100, 0.5)}%` }}
                />
              </div>
            ),
          },
          { title: t('traces.duration'), key: 'duration', render: (_: unknown, s: Span) => `${s.durationMs.toFixed(2)} ms` },
        ]}
      />
      <Drawer open={open !== null} onClose={() => setOpen(null)} title={open ? `${open.service}: ${open.operation}` : ''} size="large">
        {open && (
          <>
            {open.error && <Tag color="red">{t('trace.error')}</Tag>}
            <Table
              rowKey="key"
              size="small"
              pagination={false}
              dataSource={open.attributes}
              columns={[
                { title: t('trace.attribute'), dataIndex: 'key', key: 'key' },
                { title: t('trace.value'), dataIndex: 'value', key: 'value', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
              ]}
            />
            {open.events.length > 0 && (
              <Card size="small" title={t('trace.events')} style={{ marginTop: 16 }}>
                {open.events.map((e, i) => (
                  <div key={i}>
                    <Typography.Text type="secondary">{`+${e.offsetMs.toFixed(1)} ms`}</Typography.Text>{' '}
                    {e.fields.map((f) => `${f.key}=${f.value}`).join(' ')}
                  </div>
                ))}
              </Card>
            )}
          </>
        )}
      </Drawer>
    </>
  );
}
