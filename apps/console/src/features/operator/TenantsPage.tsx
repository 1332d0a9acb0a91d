import { useQuery } from '@tanstack/react-query';
import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Outputs } from '../../api/app-router';
import { api } from '../../api/trpc-client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useLocalized } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';

type Tenant = Outputs['operator']['tenant']['list'][number];

export default function TenantsPage() {
  const { t } = useTranslation('operator');
  const localized = useLocalized();
  const tenants = useQuery({ queryKey: ['operator.tenant.list'], queryFn: () => api.operator.tenant.list.query({}) });
  return (
    <>
      <PageTitle>{t('tenants.title')}</PageTitle>
      {tenants.error && <ErrorNotice error={tenants.error} />}
      <Table<Tenant>
        rowKey="id"
        size="small"
        loading={tenants.isFetching}
        dataSource={tenants.data ?? []}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: t('tenants.name'), key: 'name', render: (_: unknown, r: Tenant) => localized(r.name) },
          { title: t('tenants.id'), dataIndex: 'id', key: 'id' },
          { title: t('tenants.code'), dataIndex: 'code', key: 'code' },
          {
            title: t('tenants.pilotAreas'),
            key: 'areas',
            render: (_: unknown, r: Tenant) => r.pilotAreas.map((a) => <Tag key={a.id}>{localized(a.name)}</Tag>),
          },
          { title: t('tenants.dualRole'), key: 'dual', render: (_: unknown, r: Tenant) => (r.dualRole ? t('yes') : t('no')) },
          { title: t('tenants.users'), dataIndex: 'users', key: 'users' },
        ]}
      />
    </>
  );
}
