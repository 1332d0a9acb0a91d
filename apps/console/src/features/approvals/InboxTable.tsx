import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, DatePicker, Grid, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Inputs, Outputs } from '../../api/app-router';
import { api } from '../../api/trpc-client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { RefreshButton } from '../../components/RefreshButton';
import { useFormat, useLocalized } from '../../components/format';
import { usePlaces } from '../../components/places';
import { useNotify } from '../../components/useNotify';
import { useSession } from '../../app/SessionProvider';
import { DecisionDialog, type Decision } from './DecisionDialog';
import { useCaseTypes } from './use-case-types';

type InboxItem = Outputs['case']['inbox']['items'][number];
type InboxQuery = Exclude<Inputs['case']['inbox'], void | undefined>;
type BulkReport = Outputs['case']['bulkDecide'];

/** Cases awaiting the caller: filters and paging run on the server; decisions one by one or in bulk. */
export function InboxTable({ bulk }: { bulk: boolean }) {
  const { t, i18n } = useTranslation('approvals');
  const format = useFormat();
  const localized = useLocalized();
  const places = usePlaces();
  const caseTypes = useCaseTypes();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const screens = Grid.useBreakpoint();
  const national = useSession().state?.user.tenant === null;
  const [query, setQuery] = useState<InboxQuery>({ sort: 'dueAsc', page: 1, pageSize: 20 });
  const [selected, setSelected] = useState<InboxItem[]>([]);
  const [pending, setPending] = useState<{ decision: Decision; items: InboxItem[] } | null>(null);
  const [report, setReport] = useState<BulkReport | null>(null);

  const inbox = useQuery({
    queryKey: ['case.inbox', query],
    queryFn: () => api.case.inbox.query(query),
    placeholderData: keepPreviousData,
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['case.inbox'] });

  const decide = useMutation({
    mutationFn: async (input: { decision: Decision; items: InboxItem[]; reason: string | undefined }) => {
      const [only] = input.items;
      if (input.items.length === 1 && only) {
        await api.case.decide.mutate({
          caseId: only.caseId,
          version: only.version,
          decision: input.decision,
          ...(input.reason ? { reason: input.reason } : {}),
          ...(only.myStepId ? { stepId: only.myStepId } : {}),
        });
        return null;
      }
      return api.case.bulkDecide.mutate({
        decision: input.decision === 'approve' ? 'approve' : 'return',
        ...(input.reason ? { reason: input.reason } : {}),
        items: input.items.map((i) => ({ caseId: i.caseId, version: i.version })),
      });
    },
    onSuccess: (result, input) => {
      setPending(null);
      setSelected([]);
      if (result) setReport(result);
      else notify.done(t(`done.${input.decision}`));
      refresh();
    },
    onError: (error) => notify.failed(error),
  });

  const titleOf = (item: InboxItem) => localized(item.title);
  const columns = [
    {
      title: t('column.title'),
      key: 'title',
      render: (_: unknown, item: InboxItem) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/cases/${item.caseId}`}>{titleOf(item)}</Link>
          {item.summary && <Typography.Text type="secondary">{item.summary}</Typography.Text>}
          {item.actingForUserId && <Tag color="purple">{t('actingFor', { user: item.actingForUserId })}</Tag>}
        </Space>
      ),
    },
    ...(national ? [{ title: t('column.province'), key: 'tenant', render: (_: unknown, i: InboxItem) => places.province(i.tenant) }] : []),
    { title: t('column.type'), key: 'type', render: (_: unknown, i: InboxItem) => caseTypes.name(i.caseType), responsive: ['md' as const] },
    { title: t('column.level'), dataIndex: 'level', key: 'level', responsive: ['lg' as const] },
    {
      title: t('column.due'),
      key: 'due',
      sorter: true,
      sortOrder: query.sort === 'dueAsc' ? ('ascend' as const) : ('descend' as const),
      render: (_: unknown, i: InboxItem) => (
        <Space size={4} wrap>
          <span className={i.overdue ? 'overdue' : undefined}>{format.dateTime(i.nextDueAt)}</span>
          {i.overdue && <Tag color="red">{t('overdue')}</Tag>}
          {i.escalated && <Tag color="orange">{t('escalated')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('column.actions'),
      key: 'actions',
      render: (_: unknown, i: InboxItem) => (
        <Space size={4} wrap>
          {i.mayApprove && (
            <Button size="small" type="primary" onClick={() => setPending({ decision: 'approve', items: [i] })}>
              {t('decision.approve')}
            </Button>
          )}
          {i.mayReturn && (
            <Button size="small" onClick={() => setPending({ decision: 'return', items: [i] })}>
              {t('decision.return')}
            </Button>
          )}
          {i.mayReject && (
            <Button size="small" danger onClick={() => setPending({ decision: 'reject', items: [i] })}>
              {t('decision.reject')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <div className="page-toolbar">
        <Select
          mode="multiple"
          allowClear
          aria-label={t('filter.type')}
          placeholder={t('filter.type')}
          style={{ minWidth: 200 }}
          options={caseTypes.types.map((c) => ({ value: c.id, label: localized(c.name) }))}
          onChange={(v: string[]) => setQuery((q) => ({ ...q, page: 1, caseTypes: v.length ? (v as InboxQuery['caseTypes']) : undefined }))}
        />
        {national && (
          <Select
            mode="multiple"
            allowClear
            aria-label={t('filter.province')}
            placeholder={t('filter.province')}
            style={{ minWidth: 200 }}
            optionFilterProp="label"
            options={places.provinces.map((p) => ({ value: p.id, label: localized(p.name) }))}
            onChange={(v: string[]) => setQuery((q) => ({ ...q, page: 1, provinces: v.length ? v : undefined }))}
          />
        )}
        <Select
          aria-label={t('filter.overdue')}
          style={{ minWidth: 140 }}
          value={query.overdue === undefined ? 'all' : query.overdue ? 'yes' : 'no'}
          options={[
            { value: 'all', label: t('filter.all') },
            { value: 'yes', label: t('filter.overdueOnly') },
            { value: 'no', label: t('filter.notOverdue') },
          ]}
          onChange={(v) => setQuery((q) => ({ ...q, page: 1, overdue: v === 'all' ? undefined : v === 'yes' }))}
        />
        <DatePicker.RangePicker
          aria-label={t('filter.due')}
          placeholder={[t('filter.dueFrom'), t('filter.dueTo')]}
          onChange={(range) =>
            setQuery((q) => ({
              ...q,
              page: 1,
              dueFrom: range?.[0]?.format('YYYY-MM-DD'),
              dueTo: range?.[1]?.format('YYYY-MM-DD'),
            }))
          }
        />
        {bulk && (
          <Space wrap>
            <Button
              type="primary"
              disabled={selected.length === 0}
              onClick={() => setPending({ decision: 'approve', items: selected })}
            >
              {t('bulk.approve', { count: selected.length })}
            </Button>
            <Button disabled={selected.length === 0} onClick={() => setPending({ decision: 'return', items: selected })}>
              {t('bulk.return', { count: selected.length })}
            </Button>
          </Space>
        )}
        <RefreshButton queryKeys={[['case.inbox']]} />
      </div>
      {inbox.error && <ErrorNotice error={inbox.error} />}
      <Table<InboxItem>
        key={i18n.language}
        rowKey="caseId"
        size="middle"
        loading={inbox.isFetching}
        dataSource={inbox.data?.items ?? []}
        columns={columns}
        scroll={screens.md ? undefined : { x: true }}
        locale={{ emptyText: t('empty') }}
        rowSelection={
          bulk
            ? {
                selectedRowKeys: selected.map((s) => s.caseId),
                onChange: (_keys, rows) => setSelected(rows),
                getCheckboxProps: (row) => ({ disabled: !row.mayApprove && !row.mayReturn, 'aria-label': titleOf(row) }),
              }
            : undefined
        }
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: inbox.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('total', { count: total }),
        }}
        onChange={(pagination, _filters, sorter) => {
          const order = Array.isArray(sorter) ? undefined : sorter.order;
          setQuery((q) => ({
            ...q,
            page: pagination.current ?? 1,
            pageSize: pagination.pageSize ?? 20,
            sort: order === 'descend' ? 'dueDesc' : 'dueAsc',
          }));
        }}
      />
      <DecisionDialog
        decision={pending?.decision ?? null}
        count={pending?.items.length ?? 0}
        busy={decide.isPending}
        onCancel={() => setPending(null)}
        onConfirm={(reason) => pending && decide.mutate({ ...pending, reason })}
      />
      <Modal
        open={report !== null}
        title={t('bulk.reportTitle', { succeeded: report?.succeeded ?? 0, failed: report?.failed ?? 0 })}
        onCancel={() => setReport(null)}
        onOk={() => setReport(null)}
        cancelButtonProps={{ style: { display: 'none' } }}
        width={720}
      >
        <Table
          rowKey="caseId"
          size="small"
          pagination={false}
          dataSource={report?.items ?? []}
          columns={[
            { title: t('column.case'), key: 'case', render: (_: unknown, r: BulkReport['items'][number]) => r.caseId.slice(0, 8) },
            {
              title: t('bulk.outcome'),
              key: 'outcome',
              render: (_: unknown, r: BulkReport['items'][number]) =>
                r.ok ? <Tag color="green">{t('bulk.ok')}</Tag> : <Tag color="red">{t('bulk.failed')}</Tag>,
            },
            {
              title: t('bulk.message'),
              key: 'message',
              render: (_: unknown, r: BulkReport['items'][number]) => (r.error ? localized(r.error.messages) : t(`status.${r.status ?? 'open'}`)),
            },
          ]}
        />
      </Modal>
    </>
  );
}
