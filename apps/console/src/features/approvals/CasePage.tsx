import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, Space, Spin, Steps, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Outputs } from '../../api/app-router';
import { api } from '../../api/trpc-client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useFormat, useLocalized } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { usePlaces } from '../../components/places';
import { useNotify } from '../../components/useNotify';
import { DecisionDialog, type Decision } from './DecisionDialog';
import { useCaseTypes } from './use-case-types';

type CaseView = Outputs['case']['get'];
type Step = CaseView['levels'][number]['steps'][number];

/** One case: its chain level by level, every decision with its reason, and what the caller may decide. */
export default function CasePage() {
  const { caseId = '' } = useParams();
  const { t } = useTranslation('approvals');
  const format = useFormat();
  const localized = useLocalized();
  const places = usePlaces();
  const caseTypes = useCaseTypes();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<Decision | null>(null);
  const found = useQuery({ queryKey: ['case.get', caseId], queryFn: () => api.case.get.query({ caseId }) });
  const decide = useMutation({
    mutationFn: (input: { decision: Decision; reason: string | undefined; view: CaseView }) =>
      api.case.decide.mutate({
        caseId,
        version: input.view.version,
        decision: input.decision,
        ...(input.reason ? { reason: input.reason } : {}),
        ...(input.view.myStepId ? { stepId: input.view.myStepId } : {}),
      }),
    onSuccess: (_r, input) => {
      setPending(null);
      notify.done(t(`done.${input.decision}`));
      void queryClient.invalidateQueries({ queryKey: ['case.get', caseId] });
      void queryClient.invalidateQueries({ queryKey: ['case.inbox'] });
    },
    onError: (error) => notify.failed(error),
  });

  if (found.isPending) return <Spin size="large" className="page-loading" />;
  if (found.error) return <ErrorNotice error={found.error} />;
  const c = found.data;
  const approver = (s: Step) =>
    `${t(`role.${s.approver.role}`)} · ${
      s.approver.role === 'department-liaison'
        ? places.department(s.approver.organisationId)
        : s.approver.organisationId === c.tenant
          ? places.province(s.approver.organisationId)
          : places.pilotArea(s.approver.organisationId) || s.approver.organisationId
    }`;
  const actions = (
    <Space wrap>
      {c.mayApprove && (
        <Button type="primary" onClick={() => setPending('approve')}>
          {t('decision.approve')}
        </Button>
      )}
      {c.mayReturn && <Button onClick={() => setPending('return')}>{t('decision.return')}</Button>}
      {c.mayReturnToPrevious && <Button onClick={() => setPending('returnToPrevious')}>{t('decision.returnToPrevious')}</Button>}
      {c.mayReject && (
        <Button danger onClick={() => setPending('reject')}>
          {t('decision.reject')}
        </Button>
      )}
    </Space>
  );
  return (
    <>
      <PageTitle extra={actions}>{localized(c.title)}</PageTitle>
      {c.actingForUserId && <Tag color="purple">{t('actingFor', { user: c.actingForUserId })}</Tag>}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label={t('column.type')}>{caseTypes.name(c.caseType)}</Descriptions.Item>
          <Descriptions.Item label={t('column.province')}>{places.province(c.tenant)}</Descriptions.Item>
          <Descriptions.Item label={t('column.status')}>
            <Tag>{t(`status.${c.status}`)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('openedAt')}>{format.dateTime(c.openedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('closedAt')}>{format.dateTime(c.closedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('subject')}>
            {c.subject.type === 'plan' ? (
              <Link to={`/plans/${c.subject.id}`}>{t('openPlan', { version: c.subject.version })}</Link>
            ) : (
              `${c.subject.type} ${c.subject.id}`
            )}
          </Descriptions.Item>
        </Descriptions>
        {c.summary && <Typography.Paragraph>{c.summary}</Typography.Paragraph>}
        {c.blockedBy && <Typography.Text type="secondary">{t(`blocked.${c.blockedBy}`, { defaultValue: t('blocked.other') })}</Typography.Text>}
      </Card>
      <Card size="small" title={t('chain')} style={{ marginBottom: 16 }}>
        <Steps
          orientation="vertical"
          size="small"
          current={Math.max(0, c.levels.findIndex((l) => l.level === c.level))}
          items={c.levels.map((l) => ({
            title: localized(l.name),
            content: (
              <Table<Step>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={l.steps}
                columns={[
                  { title: t('step.name'), key: 'name', render: (_: unknown, s: Step) => localized(s.name) },
                  { title: t('step.approver'), key: 'approver', render: (_: unknown, s: Step) => approver(s) },
                  { title: t('step.status'), key: 'status', render: (_: unknown, s: Step) => <Tag>{t(`stepStatus.${s.status}`, { defaultValue: s.status })}</Tag> },
                  {
                    title: t('column.due'),
                    key: 'due',
                    render: (_: unknown, s: Step) => (
                      <Space size={4}>
                        <span className={s.overdue ? 'overdue' : undefined}>{format.dateTime(s.dueAt)}</span>
                        {s.overdue && <Tag color="red">{t('overdue')}</Tag>}
                      </Space>
                    ),
                  },
                ]}
              />
            ),
          }))}
        />
      </Card>
      <Card size="small" title={t('decisions')}>
        {c.decisions.length === 0 ? (
          <Typography.Text type="secondary">{t('noDecisions')}</Typography.Text>
        ) : (
          <Timeline
            items={c.decisions.map((d) => ({
              color: d.decision === 'approve' ? 'green' : d.decision === 'reject' ? 'red' : 'orange',
              content: (
                <>
                  <Typography.Text strong>{t(`decision.${d.decision}`)}</Typography.Text>{' '}
                  <Typography.Text type="secondary">
                    {format.dateTime(d.decidedAt)} · {d.decidedBy}
                    {d.actingForUserId ? ` (${t('actingFor', { user: d.actingForUserId })})` : ''}
                  </Typography.Text>
                  {d.reason && <div>{t('reasonLabel', { reason: d.reason })}</div>}
                </>
              ),
            }))}
          />
        )}
      </Card>
      <DecisionDialog
        decision={pending}
        count={1}
        busy={decide.isPending}
        onCancel={() => setPending(null)}
        onConfirm={(reason) => pending && decide.mutate({ decision: pending, reason, view: c })}
      />
    </>
  );
}
