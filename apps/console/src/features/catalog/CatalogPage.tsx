import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, Modal, Select, Space, Switch, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toProblem } from '../../api/api-error';
import type { Outputs } from '../../api/app-router';
import { api } from '../../api/trpc-client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useFormat, useLocalized } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { usePlaces } from '../../components/places';
import { useNotify } from '../../components/useNotify';
import { download, readForImport } from './file-transfer';

type Measure = Outputs['measure']['list'][number];
type ImportReport = Outputs['measure']['import'];
interface RowProblem {
  row: number;
  column: string | null;
  messages: { 'zh-CN': string; en: string };
}
interface Edit {
  textZh: string;
  textEn: string;
  status: 'active' | 'retired';
  responsibleDepartments: string[];
  pilotAreas: string[];
  regulatoryAdjustment: boolean;
  reason?: string;
}

/** The measures of the Overall Plan: filter, edit (version-checked), import CSV/XLSX with a per-row report, export. */
export default function CatalogPage() {
  const { t } = useTranslation('catalog');
  const format = useFormat();
  const localized = useLocalized();
  const places = usePlaces();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<{ taskGroupId?: string; status?: 'active' | 'retired' }>({});
  const [editing, setEditing] = useState<Measure | null>(null);
  const [form] = Form.useForm<Edit>();
  const [importState, setImportState] = useState<{ file: string; report: ImportReport | null; problems: RowProblem[]; error: unknown } | null>(null);
  const groups = useQuery({ queryKey: ['taskGroup.list'], queryFn: () => api.taskGroup.list.query({}), staleTime: Infinity });
  const measures = useQuery({ queryKey: ['measure.list', filter], queryFn: () => api.measure.list.query(filter) });

  const update = useMutation({
    mutationFn: async () => {
      const v = await form.validateFields();
      const m = editing as Measure;
      return api.measure.update.mutate({
        measureId: m.id,
        version: m.version,
        changes: {
          text: { 'zh-CN': v.textZh.trim(), en: (v.textEn ?? '').trim() },
          status: v.status,
          responsibleDepartments: v.responsibleDepartments,
          pilotAreas: v.pilotAreas,
          regulatoryAdjustment: v.regulatoryAdjustment,
        },
        ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
      });
    },
    onSuccess: () => {
      setEditing(null);
      notify.done(t('saved'));
      void queryClient.invalidateQueries({ queryKey: ['measure.list'] });
    },
    onError: (error) => notify.failed(error),
  });
  const importFile = async (file: File, dryRun: boolean) => {
    const input = await readForImport(file);
    try {
      const report = await api.measure.import.mutate({ ...input, dryRun });
      setImportState({ file: file.name, report, problems: [], error: null });
      if (!dryRun) void queryClient.invalidateQueries({ queryKey: ['measure.list'] });
    } catch (error) {
      const problems = (toProblem(error).details?.['problems'] as RowProblem[] | undefined) ?? [];
      setImportState({ file: file.name, report: null, problems, error });
    }
  };
  const [picked, setPicked] = useState<File | null>(null);
  const exportAs = async (fileFormat: 'csv' | 'xlsx') => {
    try {
      download(await api.measure.export.query({ format: fileFormat, ...filter }));
    } catch (error) {
      notify.failed(error);
    }
  };
  const groupName = (id: string) => localized(groups.data?.find((g) => g.id === id)?.name);

  return (
    <>
      <PageTitle
        extra={
          <Space wrap>
            <Upload
              accept=".csv,.xlsx"
              showUploadList={false}
              beforeUpload={(file) => {
                setPicked(file);
                void importFile(file, true);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />}>{t('import.button')}</Button>
            </Upload>
            <Button icon={<DownloadOutlined />} onClick={() => void exportAs('xlsx')}>
              {t('export.xlsx')}
            </Button>
            <Button icon={<DownloadOutlined />} onClick={() => void exportAs('csv')}>
              {t('export.csv')}
            </Button>
          </Space>
        }
      >
        {t('title')}
      </PageTitle>
      <div className="page-toolbar">
        <Select
          allowClear
          aria-label={t('filter.taskGroup')}
          placeholder={t('filter.taskGroup')}
          style={{ minWidth: 240 }}
          options={(groups.data ?? []).map((g) => ({ value: g.id, label: localized(g.name) }))}
          onChange={(v?: string) => setFilter((f) => ({ ...f, taskGroupId: v }))}
        />
        <Select
          allowClear
          aria-label={t('filter.status')}
          placeholder={t('filter.status')}
          style={{ minWidth: 140 }}
          options={[
            { value: 'active', label: t('status.active') },
            { value: 'retired', label: t('status.retired') },
          ]}
          onChange={(v?: 'active' | 'retired') => setFilter((f) => ({ ...f, status: v }))}
        />
      </div>
      {measures.error && <ErrorNotice error={measures.error} />}
      <Table<Measure>
        rowKey="id"
        size="small"
        loading={measures.isFetching}
        dataSource={measures.data ?? []}
        scroll={{ x: true }}
        pagination={{ pageSize: 20, showSizeChanger: true }}
        columns={[
          { title: t('column.id'), dataIndex: 'id', key: 'id', width: 90 },
          { title: t('column.text'), key: 'text', render: (_: unknown, m: Measure) => localized(m.text) },
          { title: t('column.taskGroup'), key: 'group', responsive: ['lg' as const], render: (_: unknown, m: Measure) => groupName(m.taskGroupId) },
          {
            title: t('column.departments'),
            key: 'departments',
            responsive: ['xl' as const],
            render: (_: unknown, m: Measure) => m.responsibleDepartments.map((d) => places.department(d)).join('、'),
          },
          { title: t('column.pilotAreas'), key: 'areas', responsive: ['md' as const], render: (_: unknown, m: Measure) => m.pilotAreas.length },
          {
            title: t('column.status'),
            key: 'status',
            render: (_: unknown, m: Measure) => (
              <Space size={4} wrap>
                <Tag color={m.status === 'active' ? 'green' : 'default'}>{t(`status.${m.status}`)}</Tag>
                {m.illustrative && <Tag>{t('illustrative')}</Tag>}
              </Space>
            ),
          },
          { title: t('column.updated'), key: 'updated', responsive: ['lg' as const], render: (_: unknown, m: Measure) => `${format.dateTime(m.updatedAt)} · ${m.updatedBy}` },
          {
            title: t('column.actions'),
            key: 'actions',
            render: (_: unknown, m: Measure) => (
              <Button
                size="small"
                onClick={() => {
                  setEditing(m);
                  form.setFieldsValue({
                    textZh: m.text['zh-CN'],
                    textEn: m.text.en,
                    status: m.status,
                    responsibleDepartments: m.responsibleDepartments,
                    pilotAreas: m.pilotAreas,
                    regulatoryAdjustment: m.regulatoryAdjustment,
                  });
                }}
              >
                {t('edit')}
              </Button>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={t('editTitle', { id: editing?.id ?? '' })}
        okText={t('save')}
        cancelText={t('cancel')}
        confirmLoading={update.isPending}
        onCancel={() => setEditing(null)}
        onOk={() => update.mutate()}
        width={720}
        forceRender
      >
        <Form form={form} layout="vertical">
          <Form.Item name="textZh" label={t('field.textZh')} rules={[{ required: true, whitespace: true, message: t('field.textZhRequired') }]}>
            <Input.TextArea autoSize />
          </Form.Item>
          <Form.Item name="textEn" label={t('field.textEn')}>
            <Input.TextArea autoSize />
          </Form.Item>
          <Form.Item name="status" label={t('column.status')}>
            <Select options={[{ value: 'active', label: t('status.active') }, { value: 'retired', label: t('status.retired') }]} />
          </Form.Item>
          <Form.Item name="responsibleDepartments" label={t('column.departments')}>
            <Select mode="multiple" optionFilterProp="label" options={places.departments.map((d) => ({ value: d.id, label: localized(d.name) }))} />
          </Form.Item>
          <Form.Item name="pilotAreas" label={t('column.pilotAreas')} rules={[{ required: true, message: t('field.pilotAreasRequired') }]}>
            <Select mode="multiple" optionFilterProp="label" options={places.pilotAreas.map((a) => ({ value: a.id, label: localized(a.name) }))} />
          </Form.Item>
          <Form.Item name="regulatoryAdjustment" label={t('field.regulatoryAdjustment')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="reason" label={t('field.reason')}>
            <Input maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={importState !== null}
        title={t('import.title', { file: importState?.file ?? '' })}
        onCancel={() => setImportState(null)}
        width={760}
        footer={
          <Space>
            <Button onClick={() => setImportState(null)}>{t('cancel')}</Button>
            {importState?.report?.dryRun && picked && (
              <Button type="primary" onClick={() => void importFile(picked, false)}>
                {t('import.confirm')}
              </Button>
            )}
          </Space>
        }
      >
        {importState?.report && (
          <p>
            {t(importState.report.dryRun ? 'import.preview' : 'import.done', {
              rows: importState.report.rows,
              created: importState.report.created.length,
              updated: importState.report.updated.length,
              unchanged: importState.report.unchanged,
            })}
          </p>
        )}
        {importState?.error !== null && importState?.error !== undefined && <ErrorNotice error={importState.error} />}
        {(importState?.problems.length ?? 0) > 0 && (
          <Table<RowProblem>
            rowKey={(p) => `${p.row}-${p.column}-${p.messages.en}`}
            size="small"
            style={{ marginTop: 12 }}
            dataSource={importState?.problems ?? []}
            pagination={{ pageSize: 10 }}
            columns={[
              { title: t('import.row'), dataIndex: 'row', key: 'row', width: 70 },
              { title: t('import.column'), key: 'column', width: 140, render: (_: unknown, p: RowProblem) => p.column ?? '—' },
              { title: t('import.problem'), key: 'problem', render: (_: unknown, p: RowProblem) => localized(p.messages) },
            ]}
          />
        )}
      </Modal>
    </>
  );
}
