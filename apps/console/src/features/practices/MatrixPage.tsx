import { useQuery } from '@tanstack/react-query';
import { Empty, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Outputs } from '../../api/app-router';
import { api } from '../../api/trpc-client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useFormat, useLocalized } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { usePlaces } from '../../components/places';
import { RefreshButton } from '../../components/RefreshButton';
import { AdoptionStatusTag } from './practice-labels';

type Row = Outputs['adoption']['matrix']['rows'][number];

/** The ministry's practice × province matrix: each province's furthest status and its number of adoptions. */
export default function MatrixPage() {
  const { t } = useTranslation('practices');
  const format = useFormat();
  const localized = useLocalized();
  const places = usePlaces();
  const matrix = useQuery({ queryKey: ['adoption.matrix'], queryFn: () => api.adoption.matrix.query({}) });
  const rows = matrix.data?.rows ?? [];
  // a column per province that adopts anything, in the registry's order
  const adopting = new Set(rows.flatMap((r) => r.provinces.map((c) => c.province)));
  const provinces = places.provinces.filter((p) => adopting.has(p.id));

  return (
    <>
      <PageTitle extra={<RefreshButton queryKeys={[['adoption.matrix']]} />}>{t('matrix.title')}</PageTitle>
      {matrix.data && (
        <Typography.Paragraph type="secondary">{t('matrix.threshold', { threshold: matrix.data.threshold })}</Typography.Paragraph>
      )}
      {matrix.error && <ErrorNotice error={matrix.error} />}
      <Table<Row>
        rowKey="practiceId"
        size="small"
        bordered
        loading={matrix.isFetching}
        dataSource={rows}
        scroll={{ x: true }}
        pagination={{ pageSize: 50 }}
        locale={{ emptyText: <Empty description={t('matrix.empty')} /> }}
        columns={[
          {
            title: t('matrix.practice'),
            key: 'practice',
            fixed: 'left',
            width: 240,
            render: (_, r) => <Link to={`/practices/library/${r.practiceId}`}>{localized(r.title)}</Link>,
          },
          { title: t('matrix.origin'), key: 'origin', width: 100, render: (_, r) => places.province(r.origin) },
          ...provinces.map((p) => ({
            title: localized(p.name),
            key: p.id,
            render: (_: unknown, r: Row) => {
              const cell = r.provinces.find((c) => c.province === p.id);
              return cell ? (
                <span title={t('matrix.count', { count: cell.adoptions })}>
                  <AdoptionStatusTag status={cell.status} count={cell.adoptions} />
                </span>
              ) : null;
            },
          })),
          { title: t('matrix.adoptedIn'), key: 'adoptedIn', width: 110, render: (_, r) => format.number(r.adoptedIn) },
          {
            title: t('matrix.nationwide'),
            key: 'nationwide',
            width: 100,
            render: (_, r) => (r.replicatedNationwide ? <Tag color="success">{t('lineage.nationwide')}</Tag> : '—'),
          },
        ]}
      />
    </>
  );
}
