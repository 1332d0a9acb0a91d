import { useQuery } from '@tanstack/react-query';
import { Button, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Outputs } from '../../api/app-router';
import { api } from '../../api/trpc-client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PageTitle } from '../../components/PageTitle';

type Health = Outputs['operator']['health'][number];
const colors = { ready: 'green', 'not-ready': 'orange', unreachable: 'red' } as const;

/** Each service's readiness (database, Kafka, consumers), asked by the gateway now; refreshed every 15 s. */
export default function HealthPage() {
  const { t } = useTranslation('operator');
  const health = useQuery({ queryKey: ['operator.health'], queryFn: () => api.operator.health.query({}), refetchInterval: 15_000 });
  return (
    <>
      <PageTitle extra={<Button onClick={() => void health.refetch()}>{t('refresh')}</Button>}>{t('health.title')}</PageTitle>
      {health.error && <ErrorNotice error={health.error} />}
      <Table<Health>
        rowKey="service"
        size="small"
        loading={health.isFetching}
        dataSource={health.data ?? []}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: t('health.service'), dataIndex: 'service', key: 'service' },
          { title: t('health.state'), key: 'state', render: (_: unknown, h: Health) => <Tag color={colors[h.state]}>{t(`health.states.${h.state}`)}</Tag> },
          { title: t('health.latency'), key: 'latency', render: (_: unknown, h: Health) => (h.latencyMs === null ? '—' : `${h.latencyMs} ms`) },
          {
            title: t('health.detail'),
            key: 'detail',
            render: (_: unknown, h: Health) => (h.detail ? <Typography.Text code>{JSON.stringify(h.detail).slice(0, 300)}</Typography.Text> : '—'),
          },
        ]}
      />
    </>
  );
}
