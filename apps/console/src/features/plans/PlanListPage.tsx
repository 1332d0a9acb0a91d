import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Inputs, Outputs } from '../../api/app-router';
import { api } from '../../api/trpc-client';
import { useSession } from '../../app/SessionProvider';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useFormat, useLocalized } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { usePlaces } from '../../components/places';
import { RefreshButton } from '../../components/RefreshButton';
import { useNotify } from '../../components/useNotify';
import { PlanStatusTag } from './plan-status';

type Plan = Outputs['plan']['list']['items'][number];
/** What the list is narrowed to; the pages themselves follow the server's cursor. */
type PlanFilter = Omit<Exclude<Inputs['plan']['list'], void | undefined>, 'cursor' | 'limit'>;
type StatusChoice = NonNullable<PlanFilter['status']>;

const pageSize = 20;
const statusChoices: StatusChoice[] = ['current', 'drafting', 'submitted', 'returned', 'approved', 'implementing', 'closed', 'all'];
interface NewPlan {
  pilotAreaId: string;
  titleZh: string;
  titleEn: string;
  period?: [Dayjs, Dayjs];
}

/**
 * The plans of the caller's province (a pilot-area officer: of their own area), newest change
 * first, a page at a time (current plans unless closed ones are asked for), and a new draft.
 */
export default function PlanListPage() {
  const { t } = useTranslation('plans');
  const format = useFormat();
  const localized = useLocalized();
  const places = usePlaces();
  const notify = useNotify();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const user = useSession().state?.user;
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<NewPlan>();
  const [filter, setFilter] = useState<PlanFilter>({ status: 'current' });
  const list = useInfiniteQuery({
    queryKey: ['plan.list', filter],
    queryFn: ({ pageParam }) => api.plan.list.query({ ...filter, limit: pageSize, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const plans = list.data?.pages.flatMap((page) => page.items) ?? [];
  const ownAreas = places.pilotAreas.filter((a) =>
    user?.roles.includes('province-officer') ? a.province === user.tenant : a.id === user?.organisationId,
  );
  const create = useMutation({
    mutationFn: (v: NewPlan) =>
      api.plan.create.mutate({
        pilotAreaId: v.pilotAreaId,
        title: { 'zh-CN': v.titleZh.trim(), en: v.titleEn?.trim() ?? '' },
        ...(v.period ? { period: { start: v.period[0].format('YYYY-MM-DD'), end: v.period[1].format('YYYY-MM-DD') } } : {}),
      }),
    onSuccess: (plan) => {
      setCreating(false);
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: ['plan.list'] });
      notify.done(t('created'));
      navigate(`/plans/${plan.id}`);
    },
    onError: (error) => notify.failed(error),
  });

  const columns = [
    { title: t('column.title'), key: 'title', render: (_: unknown, p: Plan) => <Link to={`/plans/${p.id}`}>{localized(p.title)}</Link> },
    { title: t('column.pilotArea'), key: 'area', render: (_: unknown, p: Plan) => places.pilotArea(p.pilotAreaId) },
    {
      title: t('column.status'),
      key: 'status',
      render: (_: unknown, p: Plan) => (
        <Space size={4} wrap>
          <PlanStatusTag status={p.status} />
          {p.amending && <Tag color="gold">{t('amending')}</Tag>}
        </Space>
      ),
    },
    { title: t('column.tasks'), dataIndex: 'taskCount', key: 'tasks', responsive: ['lg' as const] },
    {
      title: t('column.signOffs'),
      key: 'signOffs',
      responsive: ['md' as const],
      render: (_: unknown, p: Plan) =>
        p.missingSignOffs.length === 0 ? (
          <Tag color="green">{t('signOff.complete')}</Tag>
        ) : (
          <Space size={4} wrap>
            {p.missingSignOffs.map((party) => (
              <Tag key={party} color="orange">
                {t(`signOff.missing.${party}`)}
              </Tag>
            ))}
          </Space>
        ),
    },
    { title: t('column.version'), dataIndex: 'version', key: 'version', responsive: ['lg' as const] },
    { title: t('column.updatedAt'), key: 'updated', responsive: ['md' as const], render: (_: unknown, p: Plan) => `${format.dateTime(p.updatedAt)} · ${p.updatedBy}` },
    {
      title: t('column.todo'),
      key: 'todo',
      render: (_: unknown, p: Plan) => (
        <Space size={4} wrap>
          {p.maySign && <Tag color="red">{t('todo.sign')}</Tag>}
          {p.maySubmit && <Tag color="red">{t('todo.submit')}</Tag>}
        </Space>
      ),
    },
  ];
  return (
    <>
      <PageTitle
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('create')}
          </Button>
        }
      >
        {t('list.title')}
      </PageTitle>
      <div className="page-toolbar">
        <Select<StatusChoice>
          aria-label={t('filter.status')}
          style={{ minWidth: 200 }}
          value={filter.status ?? 'current'}
          options={statusChoices.map((s) => ({
            value: s,
            label: s === 'current' || s === 'all' ? t(`filter.${s}`) : t(`status.${s}`),
          }))}
          onChange={(status) => setFilter((f) => ({ ...f, status }))}
        />
        {ownAreas.length > 1 && (
          <Select
            allowClear
            aria-label={t('filter.pilotArea')}
            placeholder={t('filter.pilotArea')}
            style={{ minWidth: 160 }}
            options={ownAreas.map((a) => ({ value: a.id, label: localized(a.name) }))}
            onChange={(pilotAreaId?: string) =>
              setFilter(({ pilotAreaId: _old, ...f }) => ({ ...f, ...(pilotAreaId ? { pilotAreaId } : {}) }))
            }
          />
        )}
        <RefreshButton queryKeys={[['plan.list']]} />
      </div>
      {list.error && <ErrorNotice error={list.error} />}
      <Table<Plan>
        rowKey="id"
        loading={list.isFetching && !list.isFetchingNextPage}
        dataSource={plans}
        columns={columns}
        locale={{ emptyText: t('list.empty') }}
        pagination={false}
        scroll={{ x: true }}
      />
      {plans.length > 0 && (
        <div className="page-toolbar" style={{ justifyContent: 'center', marginTop: 16 }}>
          <Typography.Text type="secondary">{t('list.shown', { count: plans.length })}</Typography.Text>
          {list.hasNextPage && (
            <Button loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
              {t('list.more')}
            </Button>
          )}
        </div>
      )}
      <Modal
        open={creating}
        title={t('create')}
        okText={t('action.create')}
        cancelText={t('action.cancel')}
        confirmLoading={create.isPending}
        onCancel={() => setCreating(false)}
        onOk={() => void form.validateFields().then((v) => create.mutate(v))}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ pilotAreaId: ownAreas.length === 1 ? ownAreas[0]?.id : undefined }}>
          <Form.Item name="pilotAreaId" label={t('field.pilotArea')} rules={[{ required: true, message: t('validation.pilotArea') }]}>
            <Select options={ownAreas.map((a) => ({ value: a.id, label: localized(a.name) }))} />
          </Form.Item>
          <Form.Item name="titleZh" label={t('field.titleZh')} rules={[{ required: true, whitespace: true, message: t('validation.titleZh') }]}>
            <Input maxLength={500} />
          </Form.Item>
          <Form.Item name="titleEn" label={t('field.titleEn')}>
            <Input maxLength={500} />
          </Form.Item>
          <Form.Item name="period" label={t('field.period')}>
            <DatePicker.RangePicker style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
