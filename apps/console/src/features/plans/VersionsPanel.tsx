import { useQuery } from '@tanstack/react-query';
import { Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Outputs } from '../../api/app-router';
import { api } from '../../api/trpc-client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useFormat } from '../../components/format';
import type { PlanView } from './plan-form';

type Ref = number | 'draft';
type Submission = PlanView['submissions'][number];
type Diff = Outputs['plan']['diff'];

const show = (value: unknown) => (value === undefined || value === null ? '—' : typeof value === 'string' ? value : JSON.stringify(value));

/** The submissions (frozen versions) and the field-level difference between any two of them or the draft. */
export function VersionsPanel({ plan }: { plan: PlanView }) {
  const { t } = useTranslation('plans');
  const format = useFormat();
  const last = plan.submissions.at(-1)?.submission;
  const [from, setFrom] = useState<Ref>(last ?? 'draft');
  const [to, setTo] = useState<Ref>('draft');
  const diff = useQuery({
    queryKey: ['plan.diff', plan.id, plan.version, from, to],
    queryFn: () => api.plan.diff.query({ planId: plan.id, from, to }),
    enabled: from !== to,
  });
  const refs: { value: Ref; label: string }[] = [
    ...plan.submissions.map((s) => ({ value: s.submission as Ref, label: t('versions.submission', { n: s.submission }) })),
    { value: 'draft', label: t('versions.draft') },
  ];
  const changes = diff.data ? flatten(diff.data, t) : [];
  return (
    <>
      <Table<Submission>
        rowKey="submission"
        size="small"
        dataSource={plan.submissions}
        pagination={false}
        locale={{ emptyText: t('versions.none') }}
        scroll={{ x: true }}
        columns={[
          { title: t('versions.number'), dataIndex: 'submission', key: 'n' },
          { title: t('versions.submittedAt'), key: 'at', render: (_: unknown, s: Submission) => `${format.dateTime(s.submittedAt)} · ${s.submittedBy}` },
          { title: t('versions.tasks'), dataIndex: 'taskCount', key: 'tasks' },
          { title: t('versions.coverage'), key: 'coverage', render: (_: unknown, s: Submission) => `${s.measureCoverage.percent}%` },
          {
            title: t('versions.outcome'),
            key: 'outcome',
            render: (_: unknown, s: Submission) => (
              <Space orientation="vertical" size={0}>
                <Tag>{t(`outcome.${s.outcome}`)}</Tag>
                {s.reason && <Typography.Text type="secondary">{s.reason}</Typography.Text>}
              </Space>
            ),
          },
        ]}
      />
      <Space wrap style={{ margin: '16px 0' }}>
        <Typography.Text>{t('versions.compare')}</Typography.Text>
        <Select aria-label={t('versions.from')} value={from} options={refs} onChange={setFrom} style={{ minWidth: 140 }} />
        <Typography.Text>→</Typography.Text>
        <Select aria-label={t('versions.to')} value={to} options={refs} onChange={setTo} style={{ minWidth: 140 }} />
      </Space>
      {diff.error && <ErrorNotice error={diff.error} />}
      <Table
        rowKey="field"
        size="small"
        loading={diff.isFetching}
        dataSource={changes}
        pagination={false}
        locale={{ emptyText: from === to ? t('versions.same') : t('versions.noChanges') }}
        scroll={{ x: true }}
        columns={[
          { title: t('versions.field'), dataIndex: 'field', key: 'field' },
          { title: t('versions.before'), dataIndex: 'before', key: 'before', render: (v: unknown) => <Typography.Text delete>{show(v)}</Typography.Text> },
          { title: t('versions.after'), dataIndex: 'after', key: 'after', render: (v: unknown) => <Typography.Text mark>{show(v)}</Typography.Text> },
        ]}
      />
    </>
  );
}

function flatten(diff: Diff, t: (key: string, options?: Record<string, unknown>) => string) {
  return [
    ...diff.fields.map((f) => ({ field: f.field, before: f.before, after: f.after })),
    ...diff.tasksAdded.map((task) => ({ field: t('versions.taskAdded', { id: task.id }), before: null, after: task.description })),
    ...diff.tasksRemoved.map((task) => ({ field: t('versions.taskRemoved', { id: task.id }), before: task.description, after: null })),
    ...diff.tasksChanged.flatMap((c) => c.changes.map((f) => ({ field: `${c.taskId} · ${f.field}`, before: f.before, after: f.after }))),
  ];
}
