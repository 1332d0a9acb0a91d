import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, Modal, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { toProblem } from '../../api/api-error';
import { api } from '../../api/trpc-client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useFormat, useLocalized } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { usePlaces } from '../../components/places';
import { useNotify } from '../../components/useNotify';
import { VersionConflictNotice, type VersionConflict } from '../../components/VersionConflictNotice';
import { CoveragePanel } from './CoveragePanel';
import { PlanAuditPanel } from './PlanAuditPanel';
import { PlanEditor } from './PlanEditor';
import { differingParts, toFormValues, toSaveInput, type PlanFormValues, type PlanView } from './plan-form';
import { PlanStatusTag } from './plan-status';
import { VersionsPanel } from './VersionsPanel';

type Transition = 'startAmendment' | 'close';
/** One implementation plan: edit, sign, submit, amend, close; coverage, versions and diff, audit trail. */
export default function PlanPage() {
  const { planId = '' } = useParams();
  const { t } = useTranslation('plans');
  const format = useFormat();
  const localized = useLocalized();
  const places = usePlaces();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PlanFormValues>();
  const [dirty, setDirty] = useState(false);
  const [conflict, setConflict] = useState<VersionConflict | null>(null);
  const [transition, setTransition] = useState<Transition | null>(null);
  const [reasonForm] = Form.useForm<{ reason: string }>();
  const plan = useQuery({ queryKey: ['plan.get', planId], queryFn: () => api.plan.get.query({ planId }) });
  const coverage = useQuery({ queryKey: ['plan.coverage', planId], queryFn: () => api.plan.coverage.query({ planId }) });

  const changed = (view: PlanView, message: string) => {
    queryClient.setQueryData(['plan.get', planId], view);
    void queryClient.invalidateQueries({ queryKey: ['plan.coverage', planId] });
    void queryClient.invalidateQueries({ queryKey: ['plan.audit', planId] });
    void queryClient.invalidateQueries({ queryKey: ['plan.list'] });
    form.setFieldsValue(toFormValues(view));
    setDirty(false);
    setConflict(null);
    notify.done(message);
  };
  const onError = (error: unknown) => {
    const problem = toProblem(error);
    if (problem.appCode === 'VERSION_CONFLICT') {
      setConflict({
        savedBy: String(problem.details?.['savedBy'] ?? '?'),
        savedAt: String(problem.details?.['savedAt'] ?? ''),
        parts: null,
      });
      return;
    }
    notify.failed(error);
  };
  const save = useMutation({
    mutationFn: (values: PlanFormValues) => api.plan.save.mutate(toSaveInput(plan.data as PlanView, values)),
    onSuccess: (view) => changed(view, t('done.saved')),
    onError,
  });
  const act = useMutation({
    mutationFn: async (action: 'sign' | 'submit' | 'startImplementation') => {
      const p = plan.data as PlanView;
      return api.plan[action].mutate({ planId: p.id, version: p.version });
    },
    onSuccess: (view, action) => changed(view, t(`done.${action}`)),
    onError,
  });
  const withReason = useMutation({
    mutationFn: (input: { action: Transition; reason: string }) => {
      const p = plan.data as PlanView;
      return api.plan[input.action].mutate({ planId: p.id, version: p.version, reason: input.reason });
    },
    onSuccess: (view, input) => {
      setTransition(null);
      reasonForm.resetFields();
      changed(view, t(`done.${input.action}`));
    },
    onError,
  });

  if (plan.isPending) return <Spin size="large" className="page-loading" />;
  if (plan.error) return <ErrorNotice error={plan.error} />;
  const p = plan.data;
  const reload = async () => {
    const fresh = await plan.refetch();
    if (fresh.data) form.setFieldsValue(toFormValues(fresh.data));
    setDirty(false);
    setConflict(null);
  };
  const compare = async () => {
    const mine = toSaveInput(p, form.getFieldsValue(true) as PlanFormValues);
    const theirs = await api.plan.get.query({ planId });
    setConflict((c) => (c ? { ...c, parts: differingParts(mine, theirs) } : c));
  };
  const busy = save.isPending || act.isPending || withReason.isPending;
  const actions = (
    <Space wrap>
      {p.maySave && (
        <Button
          type="primary"
          disabled={!dirty}
          loading={save.isPending}
          // a form the fields refuse shows its messages there; only a valid one is sent
          onClick={() => void form.validateFields().then((values) => save.mutate(values), () => undefined)}
        >
          {t('action.save')}
        </Button>
      )}
      {p.maySign && (
        <Button disabled={dirty || busy} onClick={() => act.mutate('sign')}>
          {t('action.sign')}
        </Button>
      )}
      {p.maySubmit && (
        <Button type="primary" disabled={dirty || busy} onClick={() => act.mutate('submit')}>
          {t('action.submit')}
        </Button>
      )}
      {p.mayStartImplementation && (
        <Button disabled={busy} onClick={() => act.mutate('startImplementation')}>
          {t('action.startImplementation')}
        </Button>
      )}
      {p.mayAmend && (
        <Button disabled={busy} onClick={() => setTransition('startAmendment')}>
          {t('action.startAmendment')}
        </Button>
      )}
      {p.mayClose && (
        <Button danger disabled={busy} onClick={() => setTransition('close')}>
          {t('action.close')}
        </Button>
      )}
    </Space>
  );
  return (
    <>
      <PageTitle extra={actions}>{localized(p.title)}</PageTitle>
      {conflict && (
        <VersionConflictNotice conflict={conflict} onReload={() => void reload()} onCompare={() => void compare()} />
      )}
      {p.returnReason && p.status === 'returned' && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t('returned', { reason: p.returnReason })} />
      )}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }}>
          <Descriptions.Item label={t('column.status')}>
            <PlanStatusTag status={p.status} />
            {p.amendment && <Tag color="purple">{t('amending')}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('column.pilotArea')}>{places.pilotArea(p.pilotAreaId)}</Descriptions.Item>
          <Descriptions.Item label={t('column.version')}>{p.version}</Descriptions.Item>
          <Descriptions.Item label={t('column.updatedAt')}>{`${format.dateTime(p.updatedAt)} · ${p.updatedBy}`}</Descriptions.Item>
          <Descriptions.Item label={t('column.signOffs')}>
            <Space size={4} wrap>
              {p.signOffs.map((s) => (
                <Tag key={`${s.userId}${s.signedAt}`} color="green">
                  {t('signOff.signed', { parties: s.parties.map((x) => t(`signOff.party.${x}`)).join('、'), user: s.userId, at: format.dateTime(s.signedAt) })}
                </Tag>
              ))}
              {p.missingSignOffs.map((party) => (
                <Tag key={party} color="orange">
                  {t(`signOff.missing.${party}`)}
                </Tag>
              ))}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('inForce')}>
            {p.inForce ? t('inForceValue', { submission: p.inForce.submission, at: format.date(p.inForce.approvedAt) }) : '—'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Tabs
        items={[
          {
            key: 'content',
            label: t('tab.content'),
            children: (
              <PlanEditor
                form={form}
                initial={toFormValues(p)}
                measures={coverage.data?.measures ?? []}
                readOnly={!p.maySave}
                onChange={() => setDirty(true)}
              />
            ),
          },
          {
            key: 'coverage',
            label: t('tab.coverage'),
            children: <CoveragePanel plan={p} coverage={coverage.data} error={coverage.error} onSaved={(v) => changed(v, t('done.saved'))} onError={onError} />,
          },
          { key: 'versions', label: t('tab.versions'), children: <VersionsPanel plan={p} /> },
          { key: 'audit', label: t('tab.audit'), children: <PlanAuditPanel planId={p.id} /> },
        ]}
      />
      <Modal
        open={transition !== null}
        title={transition ? t(`action.${transition}`) : ''}
        okText={t('action.confirm')}
        cancelText={t('action.cancel')}
        confirmLoading={withReason.isPending}
        onCancel={() => setTransition(null)}
        onOk={() => void reasonForm.validateFields().then((v) => transition && withReason.mutate({ action: transition, reason: v.reason.trim() }))}
      >
        <Form form={reasonForm} layout="vertical">
          <Form.Item name="reason" label={t('field.reason')} rules={[{ required: true, whitespace: true, message: t('validation.reason') }]}>
            <Input.TextArea rows={4} maxLength={4000} showCount />
          </Form.Item>
        </Form>
      </Modal>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
        {t('createdBy', { user: p.createdBy, at: format.dateTime(p.createdAt) })}
      </Typography.Paragraph>
    </>
  );
}
