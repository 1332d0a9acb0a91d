import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Spin, Table, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { Outputs } from '../../api/app-router';
import { api } from '../../api/trpc-client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useFormat, useLocalized } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { usePlaces } from '../../components/places';
import { PlanStatusTag } from '../plans/plan-status';

type Task = Outputs['plan']['nationalGet']['plan']['tasks'][number];
type Entry = Outputs['plan']['nationalAudit']['entries'][number];

/** A province's plan as the ministry reads it (each read is on the cross-province record). */
export default function NationalPlanPage() {
  const { province = '', planId = '' } = useParams();
  const { t } = useTranslation('national');
  const format = useFormat();
  const localized = useLocalized();
  const places = usePlaces();
  const plan = useQuery({ queryKey: ['plan.nationalGet', province, planId], queryFn: () => api.plan.nationalGet.query({ province, planId }) });
  const audit = useQuery({
    queryKey: ['plan.nationalAudit', province, planId],
    queryFn: () => api.plan.nationalAudit.query({ province, planId, offset: 0, limit: 100 }),
  });
  if (plan.isPending) return <Spin size="large" className="page-loading" />;
  if (plan.error) return <ErrorNotice error={plan.error} />;
  const p = plan.data.plan;
  return (
    <>
      <PageTitle>{localized(p.title)}</PageTitle>
      <Alert type="info" showIcon title={t('plan.recorded')} style={{ marginBottom: 16 }} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('table.province')}>{places.province(province)}</Descriptions.Item>
          <Descriptions.Item label={t('drill.pilotArea')}>{places.pilotArea(p.pilotAreaId)}</Descriptions.Item>
          <Descriptions.Item label={t('drill.status')}>
            <PlanStatusTag status={p.status} />
          </Descriptions.Item>
          <Descriptions.Item label={t('plan.period')}>{p.period ? `${format.date(p.period.start)} — ${format.date(p.period.end)}` : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('plan.submissions')}>{p.submissions.length}</Descriptions.Item>
          <Descriptions.Item label={t('drill.approvedAt')}>{format.date(p.approvedAt)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Tabs
        items={[
          {
            key: 'tasks',
            label: t('plan.tasks'),
            children: (
              <Table<Task>
                rowKey="id"
                size="small"
                dataSource={p.tasks}
                pagination={false}
                scroll={{ x: true }}
                columns={[
                  { title: t('plan.taskId'), dataIndex: 'id', key: 'id' },
                  { title: t('plan.description'), dataIndex: 'description', key: 'description' },
                  { title: t('plan.leadUnit'), dataIndex: 'leadUnit', key: 'lead' },
                  { title: t('plan.measures'), key: 'measures', render: (_: unknown, task: Task) => task.measureIds.join('、') },
                  { title: t('plan.milestones'), key: 'milestones', render: (_: unknown, task: Task) => task.milestones.length },
                  { title: t('plan.kpis'), key: 'kpis', render: (_: unknown, task: Task) => task.kpis.length },
                ]}
              />
            ),
          },
          {
            key: 'audit',
            label: t('plan.audit'),
            children: audit.error ? (
              <ErrorNotice error={audit.error} />
            ) : (
              <Table<Entry>
                rowKey={(e) => `${e.version}-${e.at}-${e.action}`}
                size="small"
                loading={audit.isFetching}
                dataSource={audit.data?.entries ?? []}
                scroll={{ x: true }}
                columns={[
                  { title: t('plan.at'), key: 'at', render: (_: unknown, e: Entry) => format.dateTime(e.at) },
                  { title: t('plan.actor'), key: 'actor', render: (_: unknown, e: Entry) => e.actor.userId },
                  { title: t('plan.action'), dataIndex: 'action', key: 'action' },
                  { title: t('plan.reason'), key: 'reason', render: (_: unknown, e: Entry) => <Typography.Text>{e.reason ?? '—'}</Typography.Text> },
                ]}
              />
            ),
          },
        ]}
      />
    </>
  );
}
