import { useMutation } from '@tanstack/react-query';
import { Button, Input, Progress, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Outputs } from '../../api/app-router';
import { api } from '../../api/trpc-client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useLocalized } from '../../components/format';
import type { PlanView } from './plan-form';

type Coverage = Outputs['plan']['coverage'];
type Line = Coverage['measures'][number];

/** The measures applicable to the pilot area: covered by which tasks, or why not (explanations are saved with the plan). */
export function CoveragePanel(props: {
  plan: PlanView;
  coverage: Coverage | undefined;
  error: unknown;
  onSaved: (view: PlanView) => void;
  onError: (error: unknown) => void;
}) {
  const { t } = useTranslation('plans');
  const localized = useLocalized();
  const [edits, setEdits] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: () => {
      const merged = new Map(props.plan.coverageExplanations.map((e) => [e.measureId, e.explanation]));
      for (const [id, text] of Object.entries(edits)) {
        if (text.trim()) merged.set(id, text.trim());
        else merged.delete(id);
      }
      return api.plan.save.mutate({
        planId: props.plan.id,
        version: props.plan.version,
        coverageExplanations: [...merged].map(([measureId, explanation]) => ({ measureId, explanation })),
      });
    },
    onSuccess: (view) => {
      setEdits({});
      props.onSaved(view);
    },
    onError: props.onError,
  });
  if (props.error) return <ErrorNotice error={props.error} />;
  const c = props.coverage;
  if (!c) return null;
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }} align="center">
        <Progress type="circle" size={64} percent={c.percent} />
        <Typography.Text>{t('coverage.summary', { covered: c.covered, applicable: c.applicable })}</Typography.Text>
        {c.unexplained.length > 0 && <Tag color="red">{t('coverage.unexplained', { count: c.unexplained.length })}</Tag>}
        {props.plan.maySave && (
          <Button type="primary" disabled={Object.keys(edits).length === 0} loading={save.isPending} onClick={() => save.mutate()}>
            {t('coverage.saveExplanations')}
          </Button>
        )}
      </Space>
      <Table<Line>
        rowKey="measureId"
        size="small"
        dataSource={c.measures}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: true }}
        columns={[
          { title: t('coverage.measure'), key: 'id', render: (_: unknown, m: Line) => m.measureId, width: 90 },
          { title: t('coverage.text'), key: 'text', render: (_: unknown, m: Line) => localized(m.text) },
          {
            title: t('coverage.covered'),
            key: 'covered',
            render: (_: unknown, m: Line) =>
              m.covered ? <Tag color="green">{t('coverage.byTasks', { tasks: m.taskIds.join('、') })}</Tag> : <Tag color="orange">{t('coverage.notCovered')}</Tag>,
          },
          {
            title: t('coverage.explanation'),
            key: 'explanation',
            render: (_: unknown, m: Line) =>
              m.covered ? null : props.plan.maySave ? (
                <Input.TextArea
                  aria-label={t('coverage.explanationFor', { measure: m.measureId })}
                  autoSize
                  maxLength={4000}
                  value={edits[m.measureId] ?? m.explanation ?? ''}
                  onChange={(e) => setEdits((x) => ({ ...x, [m.measureId]: e.target.value }))}
                />
              ) : (
                m.explanation ?? '—'
              ),
          },
        ]}
      />
    </>
  );
}
