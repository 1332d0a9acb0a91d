import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Modal, Popconfirm, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Outputs } from '../../api/app-router';
import { api } from '../../api/trpc-client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PageTitle } from '../../components/PageTitle';
import { useNotify } from '../../components/useNotify';

type Topic = Outputs['operator']['deadLetter']['list'][number];
type Replay = Outputs['operator']['deadLetter']['replay'];

/** Dead letters per topic; a replay re-publishes them to their topic (a dry run shows what would be). */
export default function DeadLettersPage() {
  const { t } = useTranslation('operator');
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [result, setResult] = useState<{ topic: string; replay: Replay } | null>(null);
  const list = useQuery({ queryKey: ['operator.deadLetter.list'], queryFn: () => api.operator.deadLetter.list.query({}) });
  const replay = useMutation({
    mutationFn: (input: { topic: string; dryRun: boolean }) => api.operator.deadLetter.replay.mutate(input),
    onSuccess: (replayed, input) => {
      setResult({ topic: input.topic, replay: replayed });
      if (!input.dryRun) {
        notify.done(t('deadLetters.replayed', { count: replayed.replayed }));
        void queryClient.invalidateQueries({ queryKey: ['operator.deadLetter.list'] });
      }
    },
    onError: (error) => notify.failed(error),
  });
  return (
    <>
      <PageTitle extra={<Button onClick={() => void list.refetch()}>{t('refresh')}</Button>}>{t('deadLetters.title')}</PageTitle>
      {list.error && <ErrorNotice error={list.error} />}
      <Table<Topic>
        rowKey="topic"
        size="small"
        loading={list.isFetching}
        dataSource={list.data ?? []}
        pagination={false}
        columns={[
          { title: t('deadLetters.topic'), dataIndex: 'topic', key: 'topic' },
          {
            title: t('deadLetters.count'),
            key: 'count',
            render: (_: unknown, r: Topic) => (r.deadLetters > 0 ? <Tag color="red">{r.deadLetters}</Tag> : <Tag color="green">0</Tag>),
          },
          {
            title: t('deadLetters.actions'),
            key: 'actions',
            render: (_: unknown, r: Topic) => (
              <Space>
                <Button size="small" disabled={r.deadLetters === 0} onClick={() => replay.mutate({ topic: r.topic, dryRun: true })}>
                  {t('deadLetters.preview')}
                </Button>
                <Popconfirm
                  title={t('deadLetters.confirm', { topic: r.topic })}
                  okText={t('deadLetters.replay')}
                  cancelText={t('cancel')}
                  onConfirm={() => replay.mutate({ topic: r.topic, dryRun: false })}
                >
                  <Button size="small" type="primary" disabled={r.deadLetters === 0}>
                    {t('deadLetters.replay')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal open={result !== null} title={t('deadLetters.result', { topic: result?.topic ?? '' })} onCancel={() => setResult(null)} footer={null} width={760}>
        <Table
          rowKey={(l, i) => `${JSON.stringify(l)}-${i}`}
          size="small"
          pagination={{ pageSize: 10 }}
          scroll={{ x: true }}
          dataSource={(result?.replay.letters ?? []) as Record<string, unknown>[]}
          columns={[
            { title: t('deadLetters.letter'), key: 'letter', render: (_: unknown, l: Record<string, unknown>) => <code>{JSON.stringify(l).slice(0, 200)}</code> },
            {
              title: t('deadLetters.outcome'),
              key: 'outcome',
              render: (_: unknown, l: Record<string, unknown>) => (l['replayed'] ? <Tag color="green">{t('deadLetters.done')}</Tag> : <Tag>{t('deadLetters.notDone')}</Tag>),
            },
          ]}
        />
      </Modal>
    </>
  );
}
