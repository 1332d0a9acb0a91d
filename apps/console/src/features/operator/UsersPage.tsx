import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, Modal, Popconfirm, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Inputs, Outputs } from '../../api/app-router';
import { api } from '../../api/trpc-client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useFormat, useLocalized } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { usePlaces } from '../../components/places';
import { useNotify } from '../../components/useNotify';

type User = Outputs['operator']['user']['list'][number];
type NewUser = Inputs['operator']['user']['create'];
const roles = ['pilot-area-officer', 'province-officer', 'ministry-officer', 'department-liaison', 'operator'] as const;

/** Users of the built-in identity provider: create, disable (their sessions end at once), enable. */
export default function UsersPage() {
  const { t } = useTranslation('operator');
  const format = useFormat();
  const localized = useLocalized();
  const places = usePlaces();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [tenant, setTenant] = useState<string | undefined>();
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<NewUser>();
  const users = useQuery({
    queryKey: ['operator.user.list', tenant],
    queryFn: () => api.operator.user.list.query({ limit: 1000, ...(tenant ? { tenant } : {}) }),
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['operator.user.list'] });
  const setDisabled = useMutation({
    mutationFn: (input: { username: string; disabled: boolean }) => api.operator.user.setDisabled.mutate(input),
    onSuccess: (user) => {
      notify.done(user.disabled ? t('users.disabledDone', { user: user.id }) : t('users.enabledDone', { user: user.id }));
      refresh();
    },
    onError: (error) => notify.failed(error),
  });
  const create = useMutation({
    mutationFn: (v: NewUser) => api.operator.user.create.mutate(v),
    onSuccess: (user) => {
      setCreating(false);
      form.resetFields();
      notify.done(t('users.created', { user: user.id }));
      refresh();
    },
    onError: (error) => notify.failed(error),
  });
  const organisations = [
    ...places.provinces.map((p) => ({ value: p.id, label: localized(p.name) })),
    ...places.pilotAreas.filter((a) => a.id !== a.province).map((a) => ({ value: a.id, label: `${localized(a.name)}（${places.province(a.province)}）` })),
    ...places.departments.map((d) => ({ value: d.id, label: localized(d.name) })),
  ];
  return (
    <>
      <PageTitle
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('users.create')}
          </Button>
        }
      >
        {t('users.title')}
      </PageTitle>
      <div className="page-toolbar">
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          aria-label={t('users.tenant')}
          placeholder={t('users.tenant')}
          style={{ minWidth: 200 }}
          options={places.provinces.map((p) => ({ value: p.id, label: localized(p.name) }))}
          onChange={(v?: string) => setTenant(v)}
        />
        <Input.Search
          allowClear
          aria-label={t('users.search')}
          placeholder={t('users.search')}
          style={{ maxWidth: 280 }}
          onChange={(e) => setSearch(e.target.value.trim().toLowerCase())}
        />
      </div>
      {users.error && <ErrorNotice error={users.error} />}
      <Table<User>
        rowKey="id"
        size="small"
        loading={users.isFetching}
        dataSource={(users.data ?? []).filter((u) => !search || u.id.includes(search) || u.displayName.toLowerCase().includes(search))}
        scroll={{ x: true }}
        pagination={{ pageSize: 25, showSizeChanger: true }}
        columns={[
          { title: t('users.username'), dataIndex: 'id', key: 'id' },
          { title: t('users.displayName'), dataIndex: 'displayName', key: 'name' },
          { title: t('users.tenant'), key: 'tenant', render: (_: unknown, u: User) => (u.tenant ? places.province(u.tenant) : t('users.national')) },
          { title: t('users.roles'), key: 'roles', render: (_: unknown, u: User) => u.roles.map((r) => <Tag key={r}>{t(`role.${r}`)}</Tag>) },
          {
            title: t('users.status'),
            key: 'status',
            render: (_: unknown, u: User) => (u.disabled ? <Tag color="red">{t('users.disabled')}</Tag> : <Tag color="green">{t('users.active')}</Tag>),
          },
          { title: t('users.createdAt'), key: 'created', responsive: ['lg' as const], render: (_: unknown, u: User) => format.dateTime(u.createdAt) },
          {
            title: t('users.actions'),
            key: 'actions',
            render: (_: unknown, u: User) =>
              u.disabled ? (
                <Button size="small" onClick={() => setDisabled.mutate({ username: u.id, disabled: false })}>
                  {t('users.enable')}
                </Button>
              ) : (
                <Popconfirm
                  title={t('users.disableConfirm', { user: u.id })}
                  okText={t('users.disable')}
                  cancelText={t('cancel')}
                  onConfirm={() => setDisabled.mutate({ username: u.id, disabled: true })}
                >
                  <Button size="small" danger>
                    {t('users.disable')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <Modal
        open={creating}
        title={t('users.create')}
        okText={t('users.createOk')}
        cancelText={t('cancel')}
        confirmLoading={create.isPending}
        onCancel={() => setCreating(false)}
        onOk={() => void form.validateFields().then((v) => create.mutate({ ...v, tenant: v.tenant ?? null, organisationId: v.organisationId ?? null }))}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="username" label={t('users.username')} rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9._-]{2,63}$/, message: t('users.usernameRule') }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true, message: t('users.displayNameRule') }]}>
            <Input />
          </Form.Item>
          <Form.Item name="roles" label={t('users.roles')} rules={[{ required: true, message: t('users.rolesRule') }]}>
            <Select mode="multiple" options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
          </Form.Item>
          <Form.Item name="tenant" label={t('users.tenant')} extra={t('users.tenantHint')}>
            <Select allowClear showSearch optionFilterProp="label" options={places.provinces.map((p) => ({ value: p.id, label: localized(p.name) }))} />
          </Form.Item>
          <Form.Item name="organisationId" label={t('users.organisation')}>
            <Select allowClear showSearch optionFilterProp="label" options={organisations} />
          </Form.Item>
          <Form.Item name="password" label={t('users.password')} rules={[{ required: true, min: 12, message: t('users.passwordRule') }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
