import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Empty, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Outputs } from '../../api/app-router';
import { api } from '../../api/trpc-client';
import { useSession } from '../../app/SessionProvider';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useFormat, useLocalized } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { usePlaces } from '../../components/places';
import { AdoptionDeclareDialog } from './AdoptionDeclareDialog';
import { AdoptionStatusTag, useTaskGroupName } from './practice-labels';

type Replication = Outputs['library']['lineage']['replications'][number];

/** A published practice in full, with its lineage: measures → originating areas → replicating provinces and areas → their plan tasks. */
export default function LibraryPracticePage() {
  const { practiceId = '' } = useParams();
  const { t } = useTranslation('practices');
  const format = useFormat();
  const localized = useLocalized();
  const places = usePlaces();
  const taskGroups = useTaskGroupName();
  const { state } = useSession();
  const [declaring, setDeclaring] = useState(false);
  const practice = useQuery({ queryKey: ['library.get', practiceId], queryFn: () => api.library.get.query({ practiceId }) });
  const lineage = useQuery({ queryKey: ['library.lineage', practiceId], queryFn: () => api.library.lineage.query({ practiceId }) });
  const mayAdopt = !!state?.user.roles.some((r) => r === 'province-officer' || r === 'pilot-area-officer');

  if (practice.isPending) return <Spin size="large" className="page-loading" />;
  if (practice.error) return <ErrorNotice error={practice.error} />;
  const p = practice.data;
  const l = lineage.data;
  return (
    <>
      <PageTitle
        extra={
          <Space wrap>
            <Link to="/practices/library">{t('practice.back')}</Link>
            {mayAdopt && (
              <Button type="primary" onClick={() => setDeclaring(true)}>
                {t('adopt.button')}
              </Button>
            )}
          </Space>
        }
      >
        {localized(p.title)}
      </PageTitle>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('practice.origin')}>{`${places.province(p.province)} · ${places.pilotArea(p.pilotAreaId)}`}</Descriptions.Item>
          <Descriptions.Item label={t('practice.coAuthors')}>
            {p.coAuthors.length > 0 ? p.coAuthors.map((c) => places.pilotArea(c.pilotAreaId)).join('、') : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('practice.batch')}>
            {`${t('library.batchLabel', { number: p.batchNumber })} · ${localized(p.theme)}`}
          </Descriptions.Item>
          <Descriptions.Item label={t('practice.publishedAt')}>{format.date(p.publishedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('practice.taskGroup')}>{taskGroups.name(p.taskGroupId)}</Descriptions.Item>
          <Descriptions.Item label={t('practice.tags')}>
            <Space size={4} wrap>
              {p.tags.map((tag) => (
                <Tag key={tag}>{tag}</Tag>
              ))}
              {p.illustrative && <Tag>{t('illustrative')}</Tag>}
            </Space>
          </Descriptions.Item>
          {p.contactUnit && (
            <Descriptions.Item label={t('practice.contactUnit')}>
              {[p.contactUnit.name, p.contactUnit.phone, p.contactUnit.email].filter(Boolean).join(' · ')}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card size="small" title={t('practice.practice')} style={{ marginBottom: 16 }}>
        <Typography.Paragraph className="preserve-lines">{p.practice || '—'}</Typography.Paragraph>
      </Card>
      <Card size="small" title={t('practice.results')} style={{ marginBottom: 16 }}>
        <Typography.Paragraph className="preserve-lines">{p.results || '—'}</Typography.Paragraph>
        {p.figures.length > 0 && (
          <Descriptions size="small" title={t('practice.figures')} column={{ xs: 1, md: 3 }}>
            {p.figures.map((f) => (
              <Descriptions.Item key={f.label} label={f.label}>{`${format.number(f.value)} ${f.unit}`}</Descriptions.Item>
            ))}
          </Descriptions>
        )}
      </Card>
      <Card size="small" title={t('practice.replicationConditions')} style={{ marginBottom: 16 }}>
        <Typography.Paragraph className="preserve-lines">{p.replicationConditions || '—'}</Typography.Paragraph>
        {p.attachments.length > 0 && (
          <Space wrap>
            {p.attachments.map((a) => (
              <Typography.Link key={a.id} href={a.download} target="_blank">
                {a.filename}
              </Typography.Link>
            ))}
          </Space>
        )}
      </Card>
      <Card size="small" title={t('lineage.title')} data-testid="lineage">
        {lineage.error && <ErrorNotice error={lineage.error} />}
        {l && (
          <>
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('lineage.measures')}>
                <Space size={4} wrap>
                  {l.measures.length > 0 ? l.measures.map((m) => <Tag key={m}>{m}</Tag>) : '—'}
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t('lineage.originators')}>
                <Space size={4} wrap>
                  {l.originators.map((o) => (
                    <Tag key={`${o.role}:${o.pilotAreaId}`}>
                      {places.province(o.province)} · {places.pilotArea(o.pilotAreaId)} · {t(`lineage.role.${o.role}`)}
                    </Tag>
                  ))}
                </Space>
              </Descriptions.Item>
            </Descriptions>
            {l.replicatedNationwide && <Tag color="success">{t('lineage.nationwide')}</Tag>}
            <Typography.Title level={3} style={{ fontSize: 16 }}>
              {t('lineage.replications')}
            </Typography.Title>
            <Table<Replication>
              rowKey="adoptionId"
              size="small"
              pagination={false}
              scroll={{ x: true }}
              dataSource={l.replications}
              locale={{ emptyText: <Empty description={t('lineage.noReplication')} /> }}
              columns={[
                { title: t('lineage.province'), key: 'province', render: (_, r) => places.province(r.province) },
                { title: t('lineage.area'), key: 'area', render: (_, r) => (r.pilotAreaId ? places.pilotArea(r.pilotAreaId) : '—') },
                { title: t('lineage.unit'), dataIndex: 'localUnit', key: 'unit' },
                { title: t('lineage.status'), key: 'status', render: (_, r) => <AdoptionStatusTag status={r.status} /> },
                { title: t('lineage.date'), key: 'date', render: (_, r) => format.date(r.date) },
                { title: t('lineage.planTask'), key: 'task', render: (_, r) => r.planTaskId ?? '—' },
              ]}
            />
          </>
        )}
      </Card>
      {mayAdopt && <AdoptionDeclareDialog practice={p} open={declaring} onClose={() => setDeclaring(false)} />}
    </>
  );
}
