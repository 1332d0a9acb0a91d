import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Outputs } from '../../api/app-router';
import { api } from '../../api/trpc-client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useFormat } from '../../components/format';

type Entry = Outputs['plan']['audit']['entries'][number];

/** Who changed what, when and why: newest first, paged on the server. */
export function PlanAuditPanel({ planId }: { planId: string }) {
  const { t } = useTranslation('plans');
  const format = useFormat();
  const [page, setPage] = useState({ current: 1, size: 20 });
  const audit = useQuery({
    queryKey: ['plan.audit', planId, page],
    queryFn: () => api.plan.audit.query({ planId, offset: (page.current - 1) * page.size, limit: page.size }),
    placeholderData: keepPreviousData,
  });
  if (audit.error) return <ErrorNotice error={audit.error} />;
  return (
    <Table<Entry>
      rowKey={(e) => `${e.version}-${e.at}-${e.action}`}
      size="small"
      loading={audit.isFetching}
      dataSource={audit.data?.entries ?? []}
      scroll={{ x: true }}
      pagination={{ current: page.current, pageSize: page.size, total: audit.data?.total ?? 0, onChange: (current, size) => setPage({ current, size }) }}
      columns={[
        { title: t('audit.at'), key: 'at', render: (_: unknown, e: Entry) => format.dateTime(e.at) },
        { title: t('audit.actor'), key: 'actor', render: (_: unknown, e: Entry) => `${e.actor.userId} (${t(`role.${e.actor.role}`, { defaultValue: e.actor.role })})` },
        { title: t('audit.action'), key: 'action', render: (_: unknown, e: Entry) => t(`auditAction.${e.action}`, { defaultValue: e.action }) },
        { title: t('audit.version'), dataIndex: 'version', key: 'version' },
        {
          title: t('audit.changes'),
          key: 'changes',
          render: (_: unknown, e: Entry) => (
            <>
              {e.changes.map((c) => (
                <div key={c.field}>
                  <Typography.Text code>{c.field}</Typography.Text>
                </div>
              ))}
              {e.reason && <Typography.Text type="secondary">{t('audit.reason', { reason: e.reason })}</Typography.Text>}
            </>
          ),
        },
      ]}
    />
  );
}
