import { useQuery } from '@tanstack/react-query';
import { Card, Col, Drawer, Row, Statistic, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Outputs } from '../../api/app-router';
import { api } from '../../api/trpc-client';
import { Chart } from '../../components/Chart';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useFormat, useLocalized } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { RefreshButton } from '../../components/RefreshButton';
import { usePlaces } from '../../components/places';
import { PlanStatusTag } from '../plans/plan-status';

type PlanRow = Outputs['plan']['nationalList'][number];
const planStatuses = ['not-started', 'drafting', 'submitted', 'returned', 'approved', 'implementing', 'closed'] as const;

interface ProvinceRow {
  province: string;
  pilotAreas: number;
  byStatus: Record<string, number>;
  openCases: number;
  overdue: number;
  matters: number;
  mattersOverdue: number;
}

/** Per province and pilot area: plan status, cases by SLA state, delegated matters; a province opens its plans. */
export default function DashboardPage() {
  const { t, i18n } = useTranslation('national');
  const format = useFormat();
  const localized = useLocalized();
  const places = usePlaces();
  const [province, setProvince] = useState<string | null>(null);
  const plans = useQuery({ queryKey: ['plan.nationalList'], queryFn: () => api.plan.nationalList.query({}) });
  const planSummary = useQuery({ queryKey: ['plan.nationalSummary'], queryFn: () => api.plan.nationalSummary.query({}) });
  const cases = useQuery({ queryKey: ['case.nationalSummary'], queryFn: () => api.case.nationalSummary.query({}) });

  const rows = useMemo<ProvinceRow[]>(() => {
    const byProvince = new Map<string, ProvinceRow>();
    const row = (id: string) => {
      let r = byProvince.get(id);
      if (!r) {
        r = { province: id, pilotAreas: 0, byStatus: {}, openCases: 0, overdue: 0, matters: 0, mattersOverdue: 0 };
        byProvince.set(id, r);
      }
      return r;
    };
    for (const p of plans.data ?? []) {
      const r = row(p.province);
      r.pilotAreas += 1;
      r.byStatus[p.status] = (r.byStatus[p.status] ?? 0) + 1;
    }
    for (const c of cases.data?.openCases.byProvince ?? []) row(c.tenant).openCases = c.count;
    for (const c of cases.data?.overdueSteps.byProvince ?? []) row(c.tenant).overdue = c.count;
    for (const m of cases.data?.adminMatters.byProvince ?? []) {
      const r = row(m.tenant);
      r.matters = m.matters.reduce((s, x) => s + x.applications, 0);
      r.mattersOverdue = m.matters.reduce((s, x) => s + x.overdueNow, 0);
    }
    return [...byProvince.values()].sort((a, b) => a.province.localeCompare(b.province));
  }, [plans.data, cases.data]);

  const provinceNames = rows.map((r) => places.province(r.province));
  const statusOption = useMemo(
    () => ({
      tooltip: { trigger: 'item' },
      legend: { bottom: 0, type: 'scroll' },
      series: [
        {
          type: 'pie',
          radius: ['40%', '68%'],
          data: planStatuses.map((s) => ({ name: t(`planStatus.${s}`), value: planSummary.data?.byStatus[s] ?? 0 })),
        },
      ],
    }),
    [planSummary.data, i18n.language],
  );
  const casesOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 40, right: 16, top: 16, bottom: 72 },
      xAxis: { type: 'category', data: provinceNames, axisLabel: { rotate: 45, interval: 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('sla.onTime'), type: 'bar', stack: 'cases', data: rows.map((r) => Math.max(0, r.openCases - r.overdue)), itemStyle: { color: '#1677ff' } },
        { name: t('sla.overdue'), type: 'bar', stack: 'cases', data: rows.map((r) => r.overdue), itemStyle: { color: '#cf1322' } },
      ],
    }),
    [rows, provinceNames.join(), i18n.language],
  );
  const drill = (name: string) => {
    const found = rows.find((r) => places.province(r.province) === name);
    if (found) setProvince(found.province);
  };
  const error = plans.error ?? planSummary.error ?? cases.error;
  const areaRows = (plans.data ?? []).filter((p) => p.province === province);
  return (
    <>
      <PageTitle extra={<RefreshButton queryKeys={[['plan.nationalList'], ['plan.nationalSummary'], ['case.nationalSummary']]} />}>{t('title')}</PageTitle>
      {error && <ErrorNotice error={error} />}
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('stat.pilotAreas')} value={planSummary.data?.pilotAreas ?? 0} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('stat.approved')} value={(planSummary.data?.byStatus.approved ?? 0) + (planSummary.data?.byStatus.implementing ?? 0)} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('stat.openCases')} value={cases.data?.openCases.total ?? 0} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('stat.overdue')} value={cases.data?.overdueSteps.total ?? 0} styles={{ content: { color: '#cf1322' } }} />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('chart.planStatus')}>
            <Chart option={statusOption} label={t('chart.planStatus')} />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('chart.casesBySla')} extra={<Typography.Text type="secondary">{t('chart.clickToDrill')}</Typography.Text>}>
            <Chart option={casesOption} label={t('chart.casesBySla')} onClick={drill} />
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small" title={t('table.title')} extra={cases.data && <Typography.Text type="secondary">{t('asOf', { at: format.dateTime(cases.data.asOf) })}</Typography.Text>}>
            <Table<ProvinceRow>
              rowKey="province"
              size="small"
              loading={plans.isFetching || cases.isFetching}
              dataSource={rows}
              pagination={false}
              scroll={{ x: true }}
              data-testid="national-table"
              columns={[
                {
                  title: t('table.province'),
                  key: 'province',
                  fixed: 'left',
                  render: (_: unknown, r: ProvinceRow) => (
                    <Typography.Link onClick={() => setProvince(r.province)}>{places.province(r.province)}</Typography.Link>
                  ),
                },
                { title: t('table.pilotAreas'), dataIndex: 'pilotAreas', key: 'areas' },
                ...(['drafting', 'submitted', 'returned', 'approved', 'implementing'] as const).map((s) => ({
                  title: t(`planStatus.${s}`),
                  key: s,
                  render: (_: unknown, r: ProvinceRow) => r.byStatus[s] ?? 0,
                })),
                { title: t('table.openCases'), dataIndex: 'openCases', key: 'open' },
                {
                  title: t('table.overdue'),
                  key: 'overdue',
                  render: (_: unknown, r: ProvinceRow) => (r.overdue > 0 ? <Tag color="red">{r.overdue}</Tag> : 0),
                },
                { title: t('table.matters'), key: 'matters', render: (_: unknown, r: ProvinceRow) => `${r.matters}${r.mattersOverdue ? ` (${t('table.mattersOverdue', { count: r.mattersOverdue })})` : ''}` },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Drawer
        open={province !== null}
        onClose={() => setProvince(null)}
        title={t('drill.title', { province: places.province(province) })}
        size="large"
      >
        <Table<PlanRow>
          rowKey="pilotAreaId"
          size="small"
          dataSource={areaRows}
          pagination={false}
          scroll={{ x: true }}
          columns={[
            { title: t('drill.pilotArea'), key: 'area', render: (_: unknown, r: PlanRow) => places.pilotArea(r.pilotAreaId) },
            { title: t('drill.status'), key: 'status', render: (_: unknown, r: PlanRow) => <PlanStatusTag status={r.status} /> },
            { title: t('drill.coverage'), key: 'coverage', render: (_: unknown, r: PlanRow) => (r.measureCoverage === null ? '—' : `${r.measureCoverage}%`) },
            { title: t('drill.approvedAt'), key: 'approved', render: (_: unknown, r: PlanRow) => format.date(r.approvedAt) },
            {
              title: t('drill.open'),
              key: 'open',
              render: (_: unknown, r: PlanRow) =>
                r.planId ? <Link to={`/national/${r.province}/plans/${r.planId}`}>{t('drill.openPlan')}</Link> : '—',
            },
          ]}
        />
        {(cases.data?.adminMatters.byProvince.find((m) => m.tenant === province)?.matters ?? []).length > 0 && (
          <Card size="small" title={t('drill.matters')} style={{ marginTop: 16 }}>
            {cases.data?.adminMatters.byProvince
              .find((m) => m.tenant === province)
              ?.matters.map((m) => (
                <div key={m.matterId}>
                  {localized(m.name) === '—' ? m.matterId : localized(m.name)}：{t('drill.matterLine', { applications: m.applications, decided: m.decided, overdue: m.overdueNow })}
                </div>
              ))}
          </Card>
        )}
      </Drawer>
    </>
  );
}
