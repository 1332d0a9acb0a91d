import {
  approvalCaseCompletedV1,
  planApprovedV1,
  reportAcceptedV1,
  supervisionTopics,
  type ApplicableMeasure,
  type EventData,
} from '@tradepilot/contracts';
import type { Principal } from '@tradepilot/auth';
import { EventRecorder } from '@tradepilot/test-stack';
import { eventually } from '@tradepilot/testing';
import ExcelJS from 'exceljs';
import {
  approvedPlan,
  failure,
  MovableClock,
  planTask,
  principals,
  SupervisionHarness,
} from '../test/supervision-harness';

const h = new SupervisionHarness(new MovableClock(new Date('2026-01-12T02:00:00Z')));
const ministry = () => h.client(principals.ministry);
const province = () => h.client(principals.guangdong);
let recorder: EventRecorder;

const applicable = (measureId: string, taskGroupId: string, explanation: string | null = null) =>
  ({ measureId, taskGroupId, responsibleDepartments: ['mofcom'], explanation }) satisfies ApplicableMeasure;

/** Three tasks over three measures; a fourth applicable measure no task maps to, explained by the plan. */
const approval = (pilotAreaId: string): EventData<typeof planApprovedV1> =>
  approvedPlan({
    pilotAreaId,
    tasks: [planTask('t1', ['M-1-01']), planTask('t2', ['M-2-01', 'M-2-02']), planTask('t3', ['M-2-02'])],
    measureCoverage: { applicable: 4, covered: 3, percent: 75 },
    applicableMeasures: [
      applicable('M-1-01', 'management'),
      applicable('M-2-01', 'opening-up'),
      applicable('M-2-02', 'opening-up'),
      applicable('M-3-01', 'facilitation', '本地暂不具备该领域产业基础'),
    ],
  });

type Status = 'not_started' | 'in_progress' | 'implemented' | 'blocked';

/** The area drafts and submits its report; the case outcome accepts it; returns the accepted event. */
async function reportAccepted(
  who: Principal & { tenant: string },
  pilotAreaId: string,
  periodId: string,
  statuses: Record<'t1' | 't2' | 't3', Status>,
) {
  const key = { pilotAreaId, periodId };
  const saved = await h.client(who).report.save.mutate({
    ...key,
    version: 0,
    entries: Object.entries(statuses).map(([taskId, status]) => ({ taskId, status })),
  });
  await h.client(who).report.submit.mutate({ ...key, version: saved.version });
  const reportId = `${periodId}:${pilotAreaId}`;
  await h.publish(
    approvalCaseCompletedV1,
    {
      caseId: `case-${reportId}`,
      caseType: 'report',
      subject: { service: 'supervision', type: 'report', id: reportId, version: 1 },
      outcome: 'approved',
      reason: null,
      level: 1,
      decidedAt: h.clock.now().toISOString(),
    },
    { tenant: who.tenant, aggregateId: `case-${reportId}`, sequence: 1 },
  );
  return recorder.waitForEvent(reportAcceptedV1.type, (e) => e.envelope?.aggregateId === reportId);
}

const statusEvents = (pilotAreaId: string) =>
  recorder.ofType(
    'measure.status_changed.v1',
    (e) => e.envelope?.aggregateId.startsWith(`2020:${pilotAreaId}:`) ?? false,
  );

beforeAll(async () => {
  await h.start();
  recorder = new EventRecorder(h.topicPrefix);
  await recorder.start([supervisionTopics.report, supervisionTopics.measure]);
  await ministry().reportingSchedule.save.mutate({
    round: 2020,
    frequency: 'quarterly',
    from: '2026-01-01',
    to: '2026-12-31',
    dueWorkingDays: 10,
    reminderWorkingDaysBefore: 3,
    version: 0,
  });
  for (const [tenant, pilotAreaId] of [
    ['guangdong', 'guangzhou'],
    ['guangdong', 'shenzhen'],
    ['hainan', 'hainan'],
  ] as const) {
    await h.publishApproval(approval(pilotAreaId), tenant);
  }
  await eventually(
    async () =>
      (await ministry().period.list.query({ round: 2020 })).periods[0]?.stage === 'open' &&
      (await h.client(principals.hainan).supervisedPlan.list.query({})).length === 1 &&
      (await province().supervisedPlan.list.query({})).length === 2,
    { description: 'Q1 open and the three plans in force' },
  );
});
afterAll(async () => {
  await recorder?.stop();
  await h.close();
});

describe('measure implementation status and rate from accepted reports', () => {
  let accepted: Awaited<ReturnType<typeof reportAccepted>>;

  it('an accepted report sets each measure of the area, lists the measure no task maps to as not planned', async () => {
    accepted = await reportAccepted(principals.guangzhou, 'guangzhou', '2020-2026-Q1', {
      t1: 'implemented',
      t2: 'implemented',
      t3: 'in_progress',
    });
    const measures = await eventually(
      () =>
        province()
          .implementation.areaMeasures.query({ pilotAreaId: 'guangzhou' })
          .catch(() => undefined),
      { description: "guangzhou's measure statuses" },
    );
    expect(measures).toMatchObject({
      periodId: '2020-2026-Q1',
      applicable: 4,
      implemented: 2,
      notPlanned: 1,
      rate: 50,
    });
    expect(measures.measures.map((m) => [m.measureId, m.status, m.taskIds])).toEqual([
      ['M-1-01', 'implemented', ['t1']],
      ['M-2-01', 'implemented', ['t2']],
      // t3 is still in progress: a measure needs every task mapped to it
      ['M-2-02', 'not_implemented', ['t2', 't3']],
    ]);
    expect(measures.notPlannedMeasures).toEqual([
      {
        measureId: 'M-3-01',
        taskGroupId: 'facilitation',
        responsibleDepartments: ['mofcom'],
        explanation: '本地暂不具备该领域产业基础',
      },
    ]);
    await eventually(() => statusEvents('guangzhou').length === 4, { description: 'four status events' });
    expect(
      statusEvents('guangzhou')
        .map((e) => e.envelope?.data as { measureId: string; status: string; previousStatus: string | null })
        .map((d) => [d.measureId, d.status, d.previousStatus])
        .sort(),
    ).toEqual([
      ['M-1-01', 'implemented', null],
      ['M-2-01', 'implemented', null],
      ['M-2-02', 'not_implemented', null],
      ['M-3-01', 'not_planned', null],
    ]);
  });

  it('moves the rates of the area, the province, the task groups and the nation as more areas are accepted', async () => {
    const national = () => ministry().implementation.nationalRate.query({ round: 2020 });
    // an acceptance travels through Kafka and the projections: on a loaded CI machine, over 15 s
    await eventually(async () => (await national()).periods[0]?.areas === 1, {
      description: 'national row',
      timeoutMs: 60_000,
    });
    expect((await national()).periods[0]?.totals).toEqual({
      applicable: 4,
      implemented: 2,
      notPlanned: 1,
      rate: 50,
    });

    await reportAccepted(principals.shenzhen, 'shenzhen', '2020-2026-Q1', {
      t1: 'implemented',
      t2: 'implemented',
      t3: 'implemented',
    });
    await reportAccepted(principals.hainan, 'hainan', '2020-2026-Q1', {
      t1: 'blocked',
      t2: 'not_started',
      t3: 'not_started',
    });
    await eventually(async () => (await national()).periods[0]?.areas === 3, {
      description: 'three areas counted',
      timeoutMs: 60_000,
    });
    const q1 = (await national()).periods[0];
    expect(q1?.totals).toEqual({ applicable: 12, implemented: 5, notPlanned: 3, rate: 41.7 });
    expect(q1?.provinces).toEqual([
      { province: 'guangdong', areas: 2, applicable: 8, implemented: 5, notPlanned: 2, rate: 62.5 },
      { province: 'hainan', areas: 1, applicable: 4, implemented: 0, notPlanned: 1, rate: 0 },
    ]);
    expect(q1?.groups).toEqual([
      { taskGroupId: 'facilitation', applicable: 3, implemented: 0, notPlanned: 3, rate: 0 },
      { taskGroupId: 'management', applicable: 3, implemented: 2, notPlanned: 0, rate: 66.7 },
      { taskGroupId: 'opening-up', applicable: 6, implemented: 3, notPlanned: 0, rate: 50 },
    ]);

    const own = await province().implementation.rate.query({ round: 2020 });
    expect(own.periods[0]?.pilotAreas.map((a) => [a.pilotAreaId, a.rate])).toEqual([
      ['guangzhou', 50],
      ['shenzhen', 75],
    ]);
    expect(own.periods[0]?.totals.rate).toBe(62.5);
    // a pilot-area officer sees their own area only
    const area = await h.client(principals.guangzhou).implementation.rate.query({});
    expect(area.periods[0]?.pilotAreas.map((a) => a.pilotAreaId)).toEqual(['guangzhou']);

    const summary = await ministry().implementation.nationalSummary.query({ round: 2020 });
    expect(summary.implementationRate).toMatchObject({ periodId: '2020-2026-Q1', areas: 3, rate: 41.7 });
  });

  it('a redelivered acceptance changes nothing and emits nothing', async () => {
    const before = statusEvents('guangzhou').length;
    await h.send(reportAcceptedV1.topic, accepted.envelope as NonNullable<typeof accepted.envelope>);
    await eventually(() => h.consumedAll(reportAcceptedV1.topic), { description: 'redelivery consumed' });
    const counts = await h.withDatabase('guangdong', async (db) => ({
      periods: await db.collection('measure_status_periods').countDocuments({ pilotAreaId: 'guangzhou' }),
      audit: await db.collection('audit_trail').countDocuments({ subjectType: 'measure-status' }),
      applied: await db.collection('applied_events').countDocuments({ purpose: 'measure-status' }),
    }));
    expect(counts).toEqual({ periods: 1, audit: 2, applied: 2 });
    expect(
      (await ministry().implementation.nationalRate.query({ round: 2020 })).periods[0]?.totals.implemented,
    ).toBe(5);
    expect(statusEvents('guangzhou')).toHaveLength(before);
  });

  it('keeps the history per period: a later period moves the statuses that changed, the trend follows', async () => {
    h.clock.set('2026-04-02T02:00:00Z');
    await eventually(
      async () => (await ministry().period.list.query({ round: 2020 })).periods[1]?.stage === 'open',
      { description: 'Q2 open' },
    );
    await reportAccepted(principals.guangzhou, 'guangzhou', '2020-2026-Q2', {
      t1: 'implemented',
      t2: 'implemented',
      t3: 'implemented',
    });
    await eventually(() => statusEvents('guangzhou').length === 5, { description: 'the one change emitted' });
    expect(statusEvents('guangzhou')[4]?.envelope?.data).toMatchObject({
      measureId: 'M-2-02',
      periodId: '2020-2026-Q2',
      status: 'implemented',
      previousStatus: 'not_implemented',
    });
    const own = await h.client(principals.guangzhou).implementation.rate.query({});
    expect(own.trend).toEqual([
      { periodId: '2020-2026-Q1', rate: 50, change: null },
      { periodId: '2020-2026-Q2', rate: 75, change: 25 },
    ]);
    const q1 = await province().implementation.areaMeasures.query({
      pilotAreaId: 'guangzhou',
      periodId: '2020-2026-Q1',
    });
    expect(q1.implemented).toBe(2);
    const audit = await h.withDatabase('guangdong', (db) =>
      db.collection('audit_trail').findOne({ subjectId: '2020:2020-2026-Q2:guangzhou' }),
    );
    expect(audit?.['changes']).toEqual([
      { field: 'M-2-02', before: 'not_implemented', after: 'implemented' },
    ]);
  });

  it('gives the ministry the area × measure matrix, filtered, as XLSX; refuses bad filters in both languages', async () => {
    const q1 = await ministry().implementation.matrix.query({ periodId: '2020-2026-Q1' });
    expect(q1.measures.map((m) => m.measureId)).toEqual(['M-1-01', 'M-2-01', 'M-2-02', 'M-3-01']);
    expect(q1.areas.map((a) => [a.pilotAreaId, a.cells])).toEqual([
      ['guangzhou', ['implemented', 'implemented', 'not_implemented', 'not_planned']],
      ['shenzhen', ['implemented', 'implemented', 'implemented', 'not_planned']],
      ['hainan', ['not_implemented', 'not_implemented', 'not_implemented', 'not_planned']],
    ]);
    const filtered = await ministry().implementation.matrix.query({
      periodId: '2020-2026-Q1',
      province: 'guangdong',
      taskGroupId: 'opening-up',
      status: 'not_implemented',
      departmentId: 'mofcom',
    });
    expect(filtered.measures.map((m) => m.measureId)).toEqual(['M-2-02']);
    expect(filtered.areas.map((a) => [a.pilotAreaId, a.cells])).toEqual([['guangzhou', ['not_implemented']]]);

    const file = await ministry().implementation.matrixXlsx.query({ periodId: '2020-2026-Q1' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.content, 'base64') as unknown as ArrayBuffer);
    const sheet = book.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.getRow(1).getCell(4).text).toBe('M-1-01');
    expect(sheet.getRow(3).getCell(2).text).toBe('guangzhou');
    expect(sheet.getRow(3).getCell(6).text).toContain('not implemented');

    const department = await failure(ministry().implementation.matrix.query({ departmentId: 'nobody' }));
    expect(department.data.appCode).toBe('DEPARTMENT_UNKNOWN');
    expect(department.data.messages['zh-CN']).toContain('没有标识为 nobody 的中央部门');
    const group = await failure(ministry().implementation.matrix.query({ taskGroupId: 'nothing' }));
    expect(group.data.messages.en).toContain('no task group nothing');
    const period = await failure(ministry().implementation.matrix.query({ periodId: '2020-2030-Q9' }));
    expect(period.data.appCode).toBe('PERIOD_NOT_FOUND');
    const status = await failure(ministry().implementation.matrix.query({ status: 'done' as never }));
    expect(status.data.messages['zh-CN']).toContain('落实状态须为');
    const notYet = await failure(
      province().implementation.areaMeasures.query({ pilotAreaId: 'shenzhen', periodId: '2020-2026-Q2' }),
    );
    expect(notYet.data.appCode).toBe('IMPLEMENTATION_STATUS_NOT_FOUND');
    expect(notYet.data.messages['zh-CN']).toContain('该期进展报告尚未验收');
    // another province's area is simply not found
    const other = await failure(province().implementation.areaMeasures.query({ pilotAreaId: 'hainan' }));
    expect(other.data.appCode).toBe('PILOT_AREA_NOT_FOUND');
  });
});
