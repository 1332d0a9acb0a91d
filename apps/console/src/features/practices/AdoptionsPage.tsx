import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, DatePicker, Empty, Form, Input, Modal, Select, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Outputs } from '../../api/app-router';
import { api } from '../../api/trpc-client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useFormat } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { usePlaces } from '../../components/places';
import { RefreshButton } from '../../components/RefreshButton';
import { useNotify } from '../../components/useNotify';
import { AdoptionStatusTag, PublishedTitle } from './practice-labels';

type Adoption = Outputs['adoption']['list'][number];
type Status = Adoption['status'];
interface AdvanceValues {
  status: Status;
  date: Dayjs;
  reason?: string;
  planId?: string;
  planTaskId?: string;
}
/** planned → in progress → adopted, or dropped (with a reason) from either */
const next: Record<Status, Status[]> = { planned: ['in-progress', 'dropped'], 'in-progress': ['adopted', 'dropped'], adopted: [], dropped: [] };

/** The province's replication of published practices: advance each, with a reason when dropped, and link the plan task. */
export default function AdoptionsPage() {
  const { t } = useTranslation('practices');
  const format = useFormat();
  const places = usePlaces();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [advancing, setAdvancing] = useState<Adoption | null>(null);
  const [form] = Form.useForm<AdvanceValues>();
  const chosen = Form.useWatch('status', form);
  const list = useQuery({ queryKey: ['adoption.list'], queryFn: () => api.adoption.list.query({}) });
  const advance = useMutation({
    mutationFn: async () => {
      const v = await form.validateFields();
      const a = advancing as Adoption;
      return api.adoption.advance.mutate({
        adoptionId: a.id,
        version: a.version,
        status: v.status,
        date: v.date.format('YYYY-MM-DD'),
        ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
        ...(v.planId?.trim() ? { planId: v.planId.trim() } : {}),
        ...(v.planTaskId?.trim() ? { planTaskId: v.planTaskId.trim() } : {}),
      });
    },
    onSuccess: () => {
      notify.done(t('adoptions.advanced'));
      setAdvancing(null);
      void queryClient.invalidateQueries({ queryKey: ['adoption.list'] });
    },
    onError: (error) => {
      if (!(error && typeof error === 'object' && 'errorFields' in error)) notify.failed(error);
    },
  });

  return (
    <>
      <PageTitle extra={<RefreshButton queryKeys={[['adoption.list']]} />}>{t('adoptions.title')}</PageTitle>
      {list.error && <ErrorNotice error={list.error} />}
      <Table<Adoption>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data ?? []}
        scroll={{ x: true }}
        pagination={{ pageSize: 20 }}
        locale={{ emptyText: <Empty description={t('adoptions.empty')} /> }}
        columns={[
          {
            title: t('adoptions.practice'),
            key: 'practice',
            render: (_, a) => (
              <Link to={`/practices/library/${a.practiceId}`}>
                <PublishedTitle practiceId={a.practiceId} />
              </Link>
            ),
          },
          { title: t('adoptions.area'), key: 'area', render: (_, a) => (a.pilotAreaId ? places.pilotArea(a.pilotAreaId) : places.province(a.province)) },
          { title: t('adoptions.unit'), dataIndex: 'localUnit', key: 'unit' },
          { title: t('adoptions.status'), key: 'status', render: (_, a) => <AdoptionStatusTag status={a.status} /> },
          { title: t('adoptions.date'), key: 'date', render: (_, a) => format.date(a.date) },
          { title: t('adoptions.planTask'), key: 'task', render: (_, a) => [a.planId, a.planTaskId].filter(Boolean).join(' / ') || '—' },
          { title: t('adoptions.reason'), key: 'reason', render: (_, a) => a.reason ?? '—' },
          {
            title: t('adoptions.actions'),
            key: 'actions',
            render: (_, a) =>
              next[a.status].length > 0 && (
                <Button
                  size="small"
                  onClick={() => {
                    form.resetFields();
                    setAdvancing(a);
                  }}
                >
                  {t('adoptions.advance')}
                </Button>
              ),
          },
        ]}
      />
      <Modal
        open={advancing !== null}
        title={t('adoptions.advanceTitle')}
        okText={t('adoptions.save')}
        cancelText={t('adoptions.cancel')}
        confirmLoading={advance.isPending}
        onOk={() => advance.mutate()}
        onCancel={() => setAdvancing(null)}
        forceRender
      >
        <Form form={form} layout="vertical">
          <Form.Item name="status" label={t('adoptions.next')} rules={[{ required: true, message: t('adoptions.nextRequired') }]}>
            <Select options={(advancing ? next[advancing.status] : []).map((s) => ({ value: s, label: t(`adoptionStatus.${s}`) }))} />
          </Form.Item>
          <Form.Item name="date" label={t('adoptions.date')} rules={[{ required: true, message: t('adopt.dateRequired') }]}>
            <DatePicker />
          </Form.Item>
          {chosen === 'dropped' && (
            <Form.Item name="reason" label={t('adoptions.reason')} rules={[{ required: true, whitespace: true, message: t('adoptions.reasonRequired') }]}>
              <Input.TextArea maxLength={4000} autoSize={{ minRows: 2 }} />
            </Form.Item>
          )}
          <Form.Item name="planId" label={t('adopt.planId')}>
            <Input maxLength={128} />
          </Form.Item>
          <Form.Item name="planTaskId" label={t('adopt.planTaskId')}>
            <Input maxLength={128} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
