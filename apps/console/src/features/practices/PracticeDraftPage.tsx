import { DeleteOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, InputNumber, Select, Space, Spin, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { toProblem } from '../../api/api-error';
import { api } from '../../api/trpc-client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useFormat, useLocalized } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { usePlaces } from '../../components/places';
import { useNotify } from '../../components/useNotify';
import { VersionConflictNotice, type VersionConflict } from '../../components/VersionConflictNotice';
import { downloadAttachment, uploadAttachment, type UploadedAttachment } from './attachment-transfer';
import { PracticeStatusTag, useTaskGroupName } from './practice-labels';
import { differingParts, partLabels, toFormValues, toSaveInput, type PracticeFormValues, type PracticeView } from './practice-form';

const editable = ['draft', 'returned'];

/** One practice draft of the area: edit (saves conditional on the version seen), attachments, submit. */
export default function PracticeDraftPage() {
  const { practiceId = '' } = useParams();
  const { t } = useTranslation('practices');
  const format = useFormat();
  const localized = useLocalized();
  const places = usePlaces();
  const taskGroups = useTaskGroupName();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PracticeFormValues>();
  const [dirty, setDirty] = useState(false);
  const [conflict, setConflict] = useState<VersionConflict | null>(null);
  const [attachments, setAttachments] = useState<UploadedAttachment[] | null>(null);
  const practice = useQuery({ queryKey: ['practice.get', practiceId], queryFn: () => api.practice.get.query({ practiceId }) });

  const shown = (view: PracticeView) => {
    queryClient.setQueryData(['practice.get', practiceId], view);
    void queryClient.invalidateQueries({ queryKey: ['practice.list'] });
    form.setFieldsValue(toFormValues(view));
    setAttachments(null);
    setDirty(false);
    setConflict(null);
  };
  const onError = async (error: unknown) => {
    if (toProblem(error).appCode !== 'VERSION_CONFLICT') return notify.failed(error);
    // the refusal names who saved; the saved version itself says when
    const newer = await api.practice.get.query({ practiceId }).catch(() => null);
    setConflict({
      savedBy: newer?.updatedBy ?? String(toProblem(error).details?.['by'] ?? '?'),
      savedAt: newer?.updatedAt ?? '',
      parts: null,
    });
  };
  const current = practice.data;
  const attachmentList = attachments ?? current?.attachments.map((a) => ({ id: a.id, filename: a.filename })) ?? [];
  const save = useMutation({
    mutationFn: (values: PracticeFormValues) =>
      api.practice.save.mutate(toSaveInput(current as PracticeView, values, attachmentList.map((a) => a.id))),
    onSuccess: (view) => {
      shown(view);
      notify.done(t('draft.saved'));
    },
    onError: (error) => void onError(error),
  });
  const submit = useMutation({
    mutationFn: () => api.practice.submit.mutate({ practiceId, version: (current as PracticeView).version }),
    onSuccess: (view) => {
      shown(view);
      notify.done(t('draft.submitted'));
    },
    onError: (error) => void onError(error),
  });

  if (practice.isPending) return <Spin size="large" className="page-loading" />;
  if (practice.error) return <ErrorNotice error={practice.error} />;
  const p = practice.data;
  const mayEdit = editable.includes(p.status);
  const reload = async () => {
    const fresh = await practice.refetch();
    if (fresh.data) shown(fresh.data);
  };
  const compare = async () => {
    const mine = toSaveInput(p, form.getFieldsValue(true) as PracticeFormValues, attachmentList.map((a) => a.id));
    const theirs = await api.practice.get.query({ practiceId });
    setConflict((c) => (c ? { ...c, parts: differingParts(mine, theirs).map((part) => t(partLabels[part] as string)) } : c));
  };
  const attach = async (file: File) => {
    try {
      const uploaded = await uploadAttachment(file);
      setAttachments([...attachmentList, uploaded]);
      setDirty(true);
      notify.done(t('draft.uploaded', { name: uploaded.filename }));
    } catch (error) {
      notify.failed(error);
    }
  };
  const download = (id: string, filename: string) =>
    void downloadAttachment(`/attachments/practices/${p.province}/${id}`, filename).catch((error: unknown) => notify.failed(error));

  return (
    <>
      <PageTitle
        extra={
          <Space wrap>
            <Link to="/practices/mine">{t('draft.back')}</Link>
            {mayEdit && (
              <>
                <Button
                  type="primary"
                  disabled={!dirty}
                  loading={save.isPending}
                  onClick={() => void form.validateFields().then((values) => save.mutate(values), () => undefined)}
                >
                  {t('draft.save')}
                </Button>
                <Button disabled={dirty || submit.isPending || save.isPending} loading={submit.isPending} onClick={() => submit.mutate()}>
                  {t('draft.submit')}
                </Button>
              </>
            )}
          </Space>
        }
      >
        {localized(p.title)}
      </PageTitle>
      <div className="page-toolbar">
        <PracticeStatusTag status={p.status} />
        <Typography.Text type="secondary">
          {t('draft.versionInfo', { version: p.version, user: p.updatedBy, at: format.dateTime(p.updatedAt) })}
        </Typography.Text>
      </div>
      {conflict && (
        <VersionConflictNotice conflict={conflict} onReload={() => void reload()} onCompare={() => void compare()} />
      )}
      {p.status === 'returned' && p.returnReason && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t('draft.returned', { reason: p.returnReason })} />
      )}
      {!mayEdit && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('draft.readOnly')} />}
      <Form<PracticeFormValues>
        form={form}
        layout="vertical"
        disabled={!mayEdit}
        initialValues={toFormValues(p)}
        onValuesChange={() => setDirty(true)}
      >
        <Card size="small" style={{ marginBottom: 16 }}>
          <Form.Item name="titleZh" label={t('mine.titleZh')} rules={[{ required: true, whitespace: true, message: t('mine.titleZhRequired') }]}>
            <Input maxLength={500} />
          </Form.Item>
          <Form.Item name="titleEn" label={t('mine.titleEn')}>
            <Input maxLength={500} />
          </Form.Item>
          <Form.Item name="taskGroupId" label={t('practice.taskGroup')}>
            <Select allowClear options={taskGroups.options} />
          </Form.Item>
          <Form.Item name="measureIds" label={t('draft.measures')}>
            <Select mode="tags" tokenSeparators={[',', '，', ' ']} open={false} />
          </Form.Item>
          <Form.Item name="coAuthors" label={t('practice.coAuthors')}>
            <Select
              mode="multiple"
              optionFilterProp="label"
              options={places.pilotAreas.filter((a) => a.id !== p.pilotAreaId).map((a) => ({ value: a.id, label: localized(a.name) }))}
            />
          </Form.Item>
          <Form.Item name="tags" label={t('draft.tags')}>
            <Select mode="tags" tokenSeparators={[',', '，']} open={false} />
          </Form.Item>
        </Card>
        <Card size="small" style={{ marginBottom: 16 }}>
          <Form.Item name="practice" label={t('practice.practice')}>
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 16 }} maxLength={20000} />
          </Form.Item>
          <Form.Item name="results" label={t('practice.results')}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={10000} />
          </Form.Item>
          <Typography.Text strong>{t('draft.figures')}</Typography.Text>
          <Form.List name="figures">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline" wrap>
                    <Form.Item name={[field.name, 'label']} label={t('draft.figureLabel')} rules={[{ required: true, whitespace: true, message: t('draft.figureLabel') }]}>
                      <Input maxLength={200} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'value']} label={t('draft.figureValue')} rules={[{ required: true, message: t('draft.figureValue') }]}>
                      <InputNumber />
                    </Form.Item>
                    <Form.Item name={[field.name, 'unit']} label={t('draft.figureUnit')}>
                      <Input maxLength={32} style={{ width: 100 }} />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} aria-label={t('draft.removeFigure')} onClick={() => remove(field.name)} />
                  </Space>
                ))}
                <div>
                  <Button icon={<PlusOutlined />} onClick={() => add({ label: '', value: 0, unit: '' })} style={{ margin: '8px 0 16px' }}>
                    {t('draft.addFigure')}
                  </Button>
                </div>
              </>
            )}
          </Form.List>
          <Form.Item name="replicationConditions" label={t('practice.replicationConditions')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} maxLength={10000} />
          </Form.Item>
        </Card>
        <Card size="small" style={{ marginBottom: 16 }}>
          <Space wrap>
            <Form.Item name="contactName" label={t('draft.contactName')}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="contactPhone" label={t('draft.contactPhone')}>
              <Input maxLength={40} />
            </Form.Item>
            <Form.Item name="contactEmail" label={t('draft.contactEmail')} rules={[{ type: 'email', message: t('draft.contactEmail') }]}>
              <Input maxLength={200} />
            </Form.Item>
          </Space>
          <div>
            <Typography.Text strong>{t('draft.attachments')}</Typography.Text>
          </div>
          <Space wrap style={{ margin: '8px 0' }}>
            {attachmentList.map((a) => (
              <Tag
                key={a.id}
                closable={mayEdit}
                onClose={() => {
                  setAttachments(attachmentList.filter((x) => x.id !== a.id));
                  setDirty(true);
                }}
              >
                <Typography.Link onClick={() => download(a.id, a.filename)}>{a.filename}</Typography.Link>
              </Tag>
            ))}
          </Space>
          {mayEdit && (
            <Upload
              showUploadList={false}
              beforeUpload={(file) => {
                void attach(file);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />}>{t('draft.upload')}</Button>
            </Upload>
          )}
        </Card>
      </Form>
    </>
  );
}
