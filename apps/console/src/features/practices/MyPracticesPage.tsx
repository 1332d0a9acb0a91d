import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Empty, Form, Input, Modal, Select, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Outputs } from '../../api/app-router';
import { api } from '../../api/trpc-client';
import { useSession } from '../../app/SessionProvider';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useFormat, useLocalized } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { usePlaces } from '../../components/places';
import { RefreshButton } from '../../components/RefreshButton';
import { useNotify } from '../../components/useNotify';
import { PracticeStatusTag } from './practice-labels';

type Practice = Outputs['practice']['list'][number];
interface CreateValues {
  pilotAreaId?: string;
  titleZh: string;
  titleEn: string;
}

/** The practices of the officer's area (a province officer: of the province): create a draft, open one to edit and submit. */
export default function MyPracticesPage() {
  const { t } = useTranslation('practices');
  const format = useFormat();
  const localized = useLocalized();
  const places = usePlaces();
  const notify = useNotify();
  const navigate = useNavigate();
  const { state } = useSession();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<CreateValues>();
  const list = useQuery({ queryKey: ['practice.list'], queryFn: () => api.practice.list.query({}) });
  const provinceOfficer = !!state?.user.roles.includes('province-officer');
  const create = useMutation({
    mutationFn: async () => {
      const v = await form.validateFields();
      return api.practice.create.mutate({
        ...(v.pilotAreaId ? { pilotAreaId: v.pilotAreaId } : {}),
        title: { 'zh-CN': v.titleZh.trim(), en: (v.titleEn ?? '').trim() },
      });
    },
    onSuccess: (created) => {
      notify.done(t('mine.created'));
      setCreating(false);
      void navigate(`/practices/mine/${created.id}`);
    },
    onError: (error) => {
      if (!(error && typeof error === 'object' && 'errorFields' in error)) notify.failed(error);
    },
  });

  return (
    <>
      <PageTitle
        extra={
          <>
            <RefreshButton queryKeys={[['practice.list']]} />
            <Button type="primary" onClick={() => setCreating(true)}>
              {t('mine.create')}
            </Button>
          </>
        }
      >
        {t('mine.title')}
      </PageTitle>
      {list.error && <ErrorNotice error={list.error} />}
      <Table<Practice>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data ?? []}
        scroll={{ x: true }}
        locale={{ emptyText: <Empty description={t('mine.empty')} /> }}
        pagination={{ pageSize: 20 }}
        columns={[
          {
            title: t('mine.column.title'),
            key: 'title',
            render: (_, p) => <Link to={`/practices/mine/${p.id}`}>{localized(p.title)}</Link>,
          },
          { title: t('mine.column.area'), key: 'area', render: (_, p) => places.pilotArea(p.pilotAreaId) },
          { title: t('mine.column.status'), key: 'status', render: (_, p) => <PracticeStatusTag status={p.status} /> },
          { title: t('mine.column.version'), dataIndex: 'version', key: 'version', width: 80 },
          { title: t('mine.column.updated'), key: 'updated', render: (_, p) => format.dateTime(p.updatedAt) },
        ]}
      />
      <Modal
        open={creating}
        title={t('mine.createTitle')}
        okText={t('mine.ok')}
        cancelText={t('mine.cancel')}
        confirmLoading={create.isPending}
        onOk={() => create.mutate()}
        onCancel={() => setCreating(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          {provinceOfficer && (
            <Form.Item name="pilotAreaId" label={t('mine.pilotArea')} rules={[{ required: true, message: t('mine.pilotAreaRequired') }]}>
              <Select
                options={places.pilotAreas
                  .filter((a) => a.province === state?.user.tenant)
                  .map((a) => ({ value: a.id, label: localized(a.name) }))}
              />
            </Form.Item>
          )}
          <Form.Item name="titleZh" label={t('mine.titleZh')} rules={[{ required: true, whitespace: true, message: t('mine.titleZhRequired') }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="titleEn" label={t('mine.titleEn')}>
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
