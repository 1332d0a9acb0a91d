import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, DatePicker, Form, Input, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Outputs } from '../../api/app-router';
import { api } from '../../api/trpc-client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useFormat } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { useNotify } from '../../components/useNotify';

type Delegation = Outputs['delegation']['list']['given'][number];
interface DelegationForm {
  delegateUserId: string;
  window: [Dayjs, Dayjs];
  reason?: string;
}

/** An approver hands their approvals to a colleague for a window of days ("X acting for Y"). */
export default function DelegationsPage() {
  const { t } = useTranslation('approvals');
  const format = useFormat();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<DelegationForm>();
  const list = useQuery({ queryKey: ['delegation.list'], queryFn: () => api.delegation.list.query({}) });
  const set = useMutation({
    mutationFn: (v: DelegationForm) =>
      api.delegation.set.mutate({
        delegateUserId: v.delegateUserId.trim(),
        from: v.window[0].format('YYYY-MM-DD'),
        until: v.window[1].format('YYYY-MM-DD'),
        ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
      }),
    onSuccess: (d) => {
      form.resetFields();
      notify.done(t('delegation.done', { user: d.delegateUserId }));
      void queryClient.invalidateQueries({ queryKey: ['delegation.list'] });
      void queryClient.invalidateQueries({ queryKey: ['case.inbox'] });
    },
    onError: (error) => notify.failed(error),
  });
  const columns = [
    {
      title: t('delegation.who'),
      key: 'who',
      render: (_: unknown, d: Delegation) =>
        t('delegation.actingFor', { delegate: d.delegateUserId, delegator: d.delegatorUserId }),
    },
    {
      title: t('delegation.window'),
      key: 'window',
      render: (_: unknown, d: Delegation) =>
        t('delegation.windowValue', { from: format.date(d.from), until: format.date(d.until) }),
    },
    {
      title: t('delegation.role'),
      key: 'role',
      responsive: ['md' as const],
      render: (_: unknown, d: Delegation) => t(`role.${d.role}`),
    },
    {
      title: t('column.status'),
      key: 'active',
      render: (_: unknown, d: Delegation) =>
        d.activeToday ? (
          <Tag color="green">{t('delegation.active')}</Tag>
        ) : (
          <Tag>{t('delegation.inactive')}</Tag>
        ),
    },
    {
      title: t('decision.reason'),
      key: 'reason',
      responsive: ['lg' as const],
      render: (_: unknown, d: Delegation) => d.reason ?? '—',
    },
  ];
  const table = (rows: Delegation[] | undefined, empty: string) => (
    <Table<Delegation>
      rowKey="id"
      size="small"
      loading={list.isFetching}
      dataSource={rows ?? []}
      columns={columns}
      pagination={false}
      scroll={{ x: true }}
      locale={{ emptyText: empty }}
    />
  );
  return (
    <>
      <PageTitle>{t('delegation.title')}</PageTitle>
      <Typography.Paragraph type="secondary">{t('delegation.text')}</Typography.Paragraph>
      <Card size="small" title={t('delegation.new')} style={{ marginBottom: 16 }}>
        <Form<DelegationForm> form={form} layout="inline" onFinish={(v) => set.mutate(v)}>
          <Form.Item
            name="delegateUserId"
            label={t('delegation.delegate')}
            rules={[{ required: true, whitespace: true, message: t('delegation.delegateRule') }]}
          >
            <Input autoComplete="off" style={{ width: 200 }} />
          </Form.Item>
          <Form.Item
            name="window"
            label={t('delegation.window')}
            rules={[{ required: true, message: t('delegation.windowRule') }]}
          >
            <DatePicker.RangePicker placeholder={[t('delegation.from'), t('delegation.until')]} />
          </Form.Item>
          <Form.Item name="reason" label={t('decision.reason')}>
            <Input maxLength={2000} style={{ width: 240 }} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={set.isPending}>
              {t('delegation.submit')}
            </Button>
          </Form.Item>
        </Form>
      </Card>
      {list.error && <ErrorNotice error={list.error} />}
      <Space orientation="vertical" style={{ width: '100%' }} size="large">
        <Card size="small" title={t('delegation.given')}>
          {table(list.data?.given, t('delegation.noneGiven'))}
        </Card>
        <Card size="small" title={t('delegation.received')}>
          {table(list.data?.received, t('delegation.noneReceived'))}
        </Card>
      </Space>
    </>
  );
}
