import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, DatePicker, Form, Input, Modal, Select, Space, Table, Tabs, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Inputs, Outputs } from '../../api/app-router';
import { api } from '../../api/trpc-client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useFormat, useLocalized } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { RefreshButton } from '../../components/RefreshButton';
import { useNotify } from '../../components/useNotify';

type Matter = Outputs['matter']['list'][number];
type Application = Outputs['application']['list']['items'][number];
type ApplicationQuery = Exclude<Inputs['application']['list'], void | undefined>;
type MatterStatistics = Outputs['matter']['statistics']['byProvince'][number]['matters'][number];
interface RegisterForm {
  matterId: string;
  applicantName: string;
  creditCode?: string;
  receivedOn: Dayjs;
  documents: { title: string; reference?: string }[];
}

const statusColor: Record<string, string> = { pending: 'blue', approved: 'green', rejected: 'red' };

/**
 * Administrative matters delegated to the province: register applications (the statutory due date
 * runs from receipt), follow them to their decision (taken on the case, in the inbox), statistics.
 */
export default function MattersPage() {
  const { t } = useTranslation('approvals');
  const format = useFormat();
  const localized = useLocalized();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [registering, setRegistering] = useState(false);
  const [query, setQuery] = useState<ApplicationQuery>({ page: 1, pageSize: 20 });
  const [form] = Form.useForm<RegisterForm>();
  const matters = useQuery({ queryKey: ['matter.list'], queryFn: () => api.matter.list.query({}) });
  const applications = useQuery({
    queryKey: ['application.list', query],
    queryFn: () => api.application.list.query(query),
    placeholderData: keepPreviousData,
  });
  // approvals records an application's case on the application only once it is decided: a pending
  // one finds its open case in the caller's inbox, where the case waits for this officer
  const awaiting = useQuery({
    queryKey: ['case.inbox', 'admin-matter'],
    queryFn: () => api.case.inbox.query({ caseTypes: ['admin-matter'], pageSize: 100 }),
  });
  const caseOf = (a: Application) =>
    a.caseId ?? awaiting.data?.items.find((c) => c.subject.type === 'admin-application' && c.subject.id === a.id)?.caseId ?? null;
  const statistics = useQuery({
    queryKey: ['matter.statistics'],
    queryFn: () => api.matter.statistics.query({}),
  });
  const matterName = (id: string) => localized(matters.data?.find((m) => m.id === id)?.name) ?? id;
  const register = useMutation({
    mutationFn: (v: RegisterForm) =>
      api.application.register.mutate({
        matterId: v.matterId,
        applicant: {
          name: v.applicantName.trim(),
          ...(v.creditCode?.trim() ? { creditCode: v.creditCode.trim() } : {}),
        },
        receivedOn: v.receivedOn.format('YYYY-MM-DD'),
        documents: v.documents.map((d) => ({
          title: d.title.trim(),
          ...(d.reference?.trim() ? { reference: d.reference.trim() } : {}),
        })),
        idempotencyKey: crypto.randomUUID(),
      }),
    onSuccess: (a) => {
      setRegistering(false);
      form.resetFields();
      notify.done(t('matters.registered', { applicant: a.applicant.name, due: format.date(a.dueOn) }));
      void queryClient.invalidateQueries({ queryKey: ['application.list'] });
      void queryClient.invalidateQueries({ queryKey: ['matter.statistics'] });
      void queryClient.invalidateQueries({ queryKey: ['case.inbox'] });
    },
    onError: (error) => notify.failed(error),
  });
  const matterOptions = (matters.data ?? []).map((m) => ({ value: m.id, label: localized(m.name) }));
  const stats = statistics.data?.byProvince.flatMap((p) => p.matters) ?? [];

  const mattersTab = (
    <>
      {matters.error && <ErrorNotice error={matters.error} />}
      <Table<Matter>
        rowKey="id"
        size="small"
        loading={matters.isFetching}
        dataSource={matters.data ?? []}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: t('matters.noMatters') }}
        columns={[
          { title: t('matters.name'), key: 'name', render: (_: unknown, m: Matter) => localized(m.name) },
          {
            title: t('matters.legalBasis'),
            dataIndex: 'legalBasis',
            key: 'legalBasis',
            responsive: ['md' as const],
          },
          {
            title: t('matters.limit'),
            key: 'limit',
            render: (_: unknown, m: Matter) => t('matters.limitValue', { days: m.statutoryLimitDays }),
          },
          {
            title: t('matters.delegatedBy'),
            key: 'by',
            responsive: ['lg' as const],
            render: (_: unknown, m: Matter) => t(`role.${m.delegatedBy.role}`),
          },
        ]}
      />
    </>
  );

  const applicationsTab = (
    <>
      <div className="page-toolbar">
        <Select
          allowClear
          aria-label={t('matters.matter')}
          placeholder={t('matters.matter')}
          style={{ minWidth: 220 }}
          options={matterOptions}
          onChange={(matterId?: string) =>
            setQuery(({ matterId: _old, ...q }) => ({ ...q, page: 1, ...(matterId ? { matterId } : {}) }))
          }
        />
        <Select
          allowClear
          aria-label={t('matters.status')}
          placeholder={t('matters.status')}
          style={{ minWidth: 140 }}
          options={(['pending', 'approved', 'rejected'] as const).map((s) => ({
            value: s,
            label: t(`matters.statusValue.${s}`),
          }))}
          onChange={(status?: 'pending' | 'approved' | 'rejected') =>
            setQuery(({ status: _old, ...q }) => ({ ...q, page: 1, ...(status ? { status } : {}) }))
          }
        />
      </div>
      {applications.error && <ErrorNotice error={applications.error} />}
      <Table<Application>
        rowKey="id"
        size="small"
        loading={applications.isFetching}
        dataSource={applications.data?.items ?? []}
        scroll={{ x: true }}
        locale={{ emptyText: t('matters.noApplications') }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: applications.data?.total ?? 0,
          showTotal: (total) => t('total', { count: total }),
          onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })),
        }}
        columns={[
          {
            title: t('matters.applicant'),
            key: 'applicant',
            render: (_: unknown, a: Application) => a.applicant.name,
          },
          {
            title: t('matters.matter'),
            key: 'matter',
            responsive: ['md' as const],
            render: (_: unknown, a: Application) => localized(a.matterName),
          },
          {
            title: t('matters.receivedOn'),
            key: 'received',
            responsive: ['lg' as const],
            render: (_: unknown, a: Application) => format.date(a.receivedOn),
          },
          {
            title: t('matters.dueOn'),
            key: 'due',
            render: (_: unknown, a: Application) => (
              <Space size={4} wrap>
                {format.date(a.dueOn)}
                {a.withinStatutoryLimit === false && <Tag color="red">{t('matters.late')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('matters.status'),
            key: 'status',
            render: (_: unknown, a: Application) => (
              <Tag color={statusColor[a.status]}>{t(`matters.statusValue.${a.status}`)}</Tag>
            ),
          },
          {
            title: t('column.actions'),
            key: 'case',
            render: (_: unknown, a: Application) =>
              caseOf(a) ? (
                <Link to={`/cases/${caseOf(a)}`}>
                  {a.status === 'pending' ? t('matters.decide') : t('matters.openCase')}
                </Link>
              ) : (
                t('matters.caseOpening')
              ),
          },
        ]}
      />
    </>
  );

  const statisticsTab = (
    <>
      {statistics.error && <ErrorNotice error={statistics.error} />}
      <Table<MatterStatistics>
        rowKey="matterId"
        size="small"
        loading={statistics.isFetching}
        dataSource={stats}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: t('matters.noStatistics') }}
        columns={[
          {
            title: t('matters.matter'),
            key: 'matter',
            render: (_: unknown, s: MatterStatistics) => matterName(s.matterId),
          },
          {
            title: t('matters.applications'),
            key: 'applications',
            render: (_: unknown, s: MatterStatistics) => format.number(s.applications),
          },
          {
            title: t('matters.decided'),
            key: 'decided',
            render: (_: unknown, s: MatterStatistics) => format.number(s.decided),
          },
          {
            title: t('matters.median'),
            key: 'median',
            render: (_: unknown, s: MatterStatistics) => format.number(s.medianProcessingDays),
          },
          {
            title: t('matters.p90'),
            key: 'p90',
            responsive: ['md' as const],
            render: (_: unknown, s: MatterStatistics) => format.number(s.p90ProcessingDays),
          },
          {
            title: t('matters.withinLimit'),
            key: 'within',
            render: (_: unknown, s: MatterStatistics) => format.percent(s.withinLimitShare),
          },
          {
            title: t('matters.overdueNow'),
            key: 'overdue',
            render: (_: unknown, s: MatterStatistics) =>
              s.overdueNow > 0 ? <Tag color="red">{format.number(s.overdueNow)}</Tag> : format.number(0),
          },
        ]}
      />
    </>
  );

  return (
    <>
      <PageTitle
        extra={
          <Space wrap>
            <RefreshButton queryKeys={[['application.list'], ['case.inbox'], ['matter.statistics']]} />
            <Button
              type="primary"
              icon={<PlusOutlined />}
              disabled={matterOptions.length === 0}
              onClick={() => setRegistering(true)}
            >
              {t('matters.register')}
            </Button>
          </Space>
        }
      >
        {t('matters.title')}
      </PageTitle>
      <Tabs
        items={[
          { key: 'applications', label: t('matters.applicationsTab'), children: applicationsTab },
          { key: 'matters', label: t('matters.mattersTab'), children: mattersTab },
          { key: 'statistics', label: t('matters.statisticsTab'), children: statisticsTab },
        ]}
      />
      <Modal
        open={registering}
        title={t('matters.register')}
        okText={t('matters.registerOk')}
        cancelText={t('decision.cancel')}
        confirmLoading={register.isPending}
        onCancel={() => setRegistering(false)}
        onOk={() => void form.validateFields().then((v) => register.mutate(v))}
        destroyOnHidden
      >
        <Form<RegisterForm> form={form} layout="vertical" initialValues={{ documents: [{ title: '' }] }}>
          <Form.Item
            name="matterId"
            label={t('matters.matter')}
            rules={[{ required: true, message: t('matters.matterRule') }]}
          >
            <Select showSearch optionFilterProp="label" options={matterOptions} />
          </Form.Item>
          <Form.Item
            name="applicantName"
            label={t('matters.applicant')}
            rules={[{ required: true, whitespace: true, message: t('matters.applicantRule') }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            name="creditCode"
            label={t('matters.creditCode')}
            rules={[{ pattern: /^[0-9A-Z]{18}$/, message: t('matters.creditCodeRule') }]}
          >
            <Input maxLength={18} />
          </Form.Item>
          <Form.Item
            name="receivedOn"
            label={t('matters.receivedOn')}
            rules={[{ required: true, message: t('matters.receivedOnRule') }]}
          >
            <DatePicker />
          </Form.Item>
          <Form.List name="documents">
            {(items, ops) => (
              <>
                {items.map((d, index) => (
                  <Space key={d.key} align="start" wrap>
                    <Form.Item
                      name={[d.name, 'title']}
                      label={t('matters.document', { index: index + 1 })}
                      rules={[{ required: true, whitespace: true, message: t('matters.documentRule') }]}
                    >
                      <Input maxLength={200} style={{ width: 220 }} />
                    </Form.Item>
                    <Form.Item name={[d.name, 'reference']} label={t('matters.reference')}>
                      <Input maxLength={200} style={{ width: 140 }} />
                    </Form.Item>
                    {items.length > 1 && (
                      <Button
                        aria-label={t('matters.removeDocument')}
                        icon={<DeleteOutlined />}
                        onClick={() => ops.remove(d.name)}
                        style={{ marginTop: 30 }}
                      />
                    )}
                  </Space>
                ))}
                <Button size="small" icon={<PlusOutlined />} onClick={() => ops.add({ title: '' })}>
                  {t('matters.addDocument')}
                </Button>
              </>
            )}
          </Form.List>
        </Form>
      </Modal>
    </>
  );
}
