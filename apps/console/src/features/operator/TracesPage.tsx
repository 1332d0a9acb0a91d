import { useQuery } from '@tanstack/react-query';
import { Button, Form, Input, InputNumber, Select, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Inputs, Outputs } from '../../api/app-router';
import { api } from '../../api/trpc-client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useFormat, useLocalized } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { usePlaces } from '../../components/places';

type Summary = Outputs['operator']['trace']['search'][number];
type Search = Inputs['operator']['trace']['search'];

/** Recent traces by service, tenant and error (Jaeger's query API through the gateway), or one by its id. */
export default function TracesPage() {
  const { t } = useTranslation('operator');
  const format = useFormat();
  const localized = useLocalized();
  const places = usePlaces();
  const navigate = useNavigate();
  const [search, setSearch] = useState<Search | null>(null);
  const services = useQuery({ queryKey: ['operator.trace.services'], queryFn: () => api.operator.trace.services.query({}) });
  const traces = useQuery({
    queryKey: ['operator.trace.search', search],
    queryFn: () => api.operator.trace.search.query(search as Search),
    enabled: search !== null,
  });
  return (
    <>
      <PageTitle>{t('traces.title')}</PageTitle>
      <Form layout="inline" onFinish={(v: { traceId: string }) => navigate(`/operator/traces/${v.traceId.trim().toLowerCase()}`)} style={{ marginBottom: 16 }}>
        <Form.Item name="traceId" label={t('traces.byId')} rules={[{ required: true, pattern: /^\s*[0-9a-fA-F]{16,32}\s*$/, message: t('traces.idRule') }]}>
          <Input style={{ width: 320 }} placeholder={t('traces.idPlaceholder')} />
        </Form.Item>
        <Button htmlType="submit">{t('traces.open')}</Button>
      </Form>
      <Form
        layout="inline"
        initialValues={{ service: 'gateway', errorsOnly: false, lookbackMinutes: 60, limit: 20 }}
        onFinish={(v: Search) => setSearch({ ...v, tenant: v.tenant || undefined })}
        style={{ marginBottom: 16, rowGap: 8 }}
      >
        <Form.Item name="service" label={t('traces.service')} rules={[{ required: true, message: t('traces.serviceRule') }]}>
          <Select style={{ minWidth: 160 }} options={(services.data?.services ?? ['gateway']).map((s) => ({ value: s, label: s }))} />
        </Form.Item>
        <Form.Item name="tenant" label={t('traces.tenant')}>
          <Select allowClear showSearch optionFilterProp="label" style={{ minWidth: 160 }} options={places.provinces.map((p) => ({ value: p.id, label: localized(p.name) }))} />
        </Form.Item>
        <Form.Item name="errorsOnly" label={t('traces.errorsOnly')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="lookbackMinutes" label={t('traces.lookback')}>
          <InputNumber min={1} max={10080} />
        </Form.Item>
        <Form.Item name="limit" label={t('traces.limit')}>
          <InputNumber min={1} max={100} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('traces.search')}
        </Button>
      </Form>
      {services.error && <ErrorNotice error={services.error} />}
      {traces.error && <ErrorNotice error={traces.error} />}
      <Table<Summary>
        rowKey="traceId"
        size="small"
        loading={traces.isFetching}
        dataSource={traces.data ?? []}
        scroll={{ x: true }}
        locale={{ emptyText: search ? t('traces.none') : t('traces.hint') }}
        columns={[
          {
            title: t('traces.root'),
            key: 'root',
            render: (_: unknown, s: Summary) => (
              <Link to={`/operator/traces/${s.traceId}`}>
                {s.rootService}: {s.rootOperation}
              </Link>
            ),
          },
          { title: t('traces.started'), key: 'started', render: (_: unknown, s: Summary) => format.dateTime(s.startedAt) },
          { title: t('traces.duration'), key: 'duration', render: (_: unknown, s: Summary) => `${s.durationMs.toFixed(1)} ms` },
          { title: t('traces.spans'), dataIndex: 'spanCount', key: 'spans' },
          { title: t('traces.services'), key: 'services', render: (_: unknown, s: Summary) => s.services.map((x) => <Tag key={x}>{x}</Tag>) },
          { title: t('traces.tenant'), key: 'tenant', render: (_: unknown, s: Summary) => places.province(s.tenant) },
          { title: t('traces.errors'), key: 'errors', render: (_: unknown, s: Summary) => (s.errorCount > 0 ? <Tag color="red">{s.errorCount}</Tag> : 0) },
          { title: t('traces.id'), key: 'id', responsive: ['lg' as const], render: (_: unknown, s: Summary) => <Typography.Text code>{s.traceId}</Typography.Text> },
        ]}
      />
    </>
  );
}
