import {
  approvalCaseCompletedV1,
  planApprovedV1,
  supervisionTopics,
  type EventData,
} from '@tradepilot/contracts';
import { EventRecorder, untilPasses } from '@tradepilot/test-stack';
import { eventually } from '@tradepilot/testing';
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import {
  approvedPlan,
  failure,
  MovableClock,
  planTask,
  principals,
  SupervisionHarness,
} from '../test/supervision-harness';

const h = new SupervisionHarness(new MovableClock(new Date('2026-01-12T02:00:00Z')));
const area = () => h.client(principals.guangzhou);
const province = () => h.client(principals.guangdong);
const ministry = () => h.client(principals.ministry);
let recorder: EventRecorder;

const planId = randomUUID();
const shenzhenPlanId = randomUUID();
const key = { pilotAreaId: 'guangzhou', periodId: '2020-2026-Q1' };
const reportId = '2020-2026-Q1:guangzhou';
const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

const approval = (): EventData<typeof planApprovedV1> =>
  approvedPlan({
    planId,
    pilotAreaId: 'guangzhou',
    title: { 'zh-CN': '广州市实施方案', en: 'Guangzhou plan' },
    tasks: [planTask('t1', ['M-1-01']), planTask('t2', ['M-2-01'])],
    measureCoverage: { applicable: 2, covered: 2, percent: 100 },
  });

const decide = (
  outcome: 'approved' | 'returned',
  submission: number,
  reason: string | null,
  id: string = reportId,
) =>
  h.publish(
    approvalCaseCompletedV1,
    {
      caseId: `case-${id}-${submission}`,
      caseType: 'report',
      subject: { service: 'supervision', type: 'report', id, version: submission },
      outcome,
      reason,
      level: 1,
      decidedAt: h.clock.now().toISOString(),
    },
    { tenant: 'guangdong', aggregateId: `case-${id}-${submission}`, sequence: 3 },
  );

/** Where a report of Guangdong is: among the current reports, the past ones, or both (a move under way). */
const whereIs = (id: string) =>
  h.withDatabase('guangdong', async (db) => ({
    current: (await db.collection<{ _id: string }>('progress_reports').countDocuments({ _id: id })) === 1,
    past: (await db.collection<{ _id: string }>('past_progress_reports').countDocuments({ _id: id })) === 1,
  }));

const eventsOf = (type: string) => recorder.ofType(type, (e) => e.envelope?.aggregateId === reportId);

beforeAll(async () => {
  await h.start();
  recorder = new EventRecorder(h.topicPrefix);
  await recorder.start([supervisionTopics.report]);
  await ministry().reportingSchedule.save.mutate({
    round: 2020,
    frequency: 'quarterly',
    from: '2026-01-01',
    to: '2026-12-31',
    dueWorkingDays: 10,
    reminderWorkingDaysBefore: 3,
    version: 0,
  });
  await h.publishApproval(approval());
  // Shenzhen's plan is in force too, but Shenzhen never reports: its Q1 report goes missing
  await h.publishApproval({
    ...approval(),
    planId: shenzhenPlanId,
    pilotAreaId: 'shenzhen',
    caseId: randomUUID(),
  });
  await h.untilInForce([{ pilotAreaId: 'guangzhou' }, { pilotAreaId: 'shenzhen' }]);
  await eventually(
    async () => (await ministry().period.list.query({ round: 2020 })).periods[0]?.stage === 'open',
    { description: 'Q1 open' },
  );
});
afterAll(async () => {
  await recorder?.stop();
  await h.close();
});

describe('progress reports: drafting, saving, conflicts, missing tasks, the XLSX round trip, the outcome', () => {
  it('drafts on the version read: a stale save conflicts, a bad entry is refused field by field, nothing changes', async () => {
    const blank = await area().report.get.query(key);
    expect(blank).toMatchObject({
      version: 0,
      status: 'draft',
      due: '2026-04-15',
      missingTaskIds: ['t1', 't2'],
    });
    const evidence = await h.upload(principals.guangzhou, '进展佐证.pdf', pdf);
    const saved = await area().report.save.mutate({
      ...key,
      version: 0,
      entries: [
        {
          taskId: 't1',
          status: 'in_progress',
          narrative: '已完成平台建设招标',
          kpiActuals: [{ name: '服务贸易额', actual: 105 }],
          milestonesDone: ['启动'],
          attachmentIds: [evidence.id],
        },
      ],
    });
    expect(saved).toMatchObject({ version: 1, missingTaskIds: ['t2'] });
    expect(saved.tasks[0]?.entry?.evidence).toEqual([
      expect.objectContaining({ id: evidence.id, filename: '进展佐证.pdf', contentType: 'application/pdf' }),
    ]);

    const stale = await failure(
      area().report.save.mutate({ ...key, version: 0, entries: [{ taskId: 't1', status: 'blocked' }] }),
    );
    expect(stale.data.appCode).toBe('VERSION_CONFLICT');
    expect(stale.data.messages['zh-CN']).toContain('进展报告已被 guangzhou-officer');

    const bad = await failure(
      area().report.save.mutate({
        ...key,
        version: 1,
        entries: [
          { taskId: 't9', status: 'implemented' },
          { taskId: 't1', status: 'implemented', kpiActuals: [{ name: '不存在的指标', actual: 1 }] },
          { taskId: 't2', status: 'blocked', nothingToReport: { reason: '本期未开展' } },
        ],
      }),
    );
    expect(bad.data.appCode).toBe('REPORT_INVALID');
    expect(bad.data.messages['zh-CN']).toContain('任务 t9 不在本期适用的实施方案中');
    expect(bad.data.messages['zh-CN']).toContain('没有指标“不存在的指标”');
    expect(bad.data.messages.en).toContain('"nothing to report" cannot come with a status');

    const notTheArea = await failure(
      h.client(principals.shenzhen).report.save.mutate({ ...key, version: 1, entries: [] }),
    );
    expect(notTheArea.data.appCode).toBe('NOT_YOUR_PILOT_AREA');
    expect((await area().report.get.query(key)).version).toBe(1);
  });

  it('refuses a submission with a task missing, naming it in both languages', async () => {
    const missing = await failure(area().report.submit.mutate({ ...key, version: 1 }));
    expect(missing.data.appCode).toBe('REPORT_TASKS_MISSING');
    expect(missing.data.messages['zh-CN']).toContain('以下任务尚未填报，不能报送');
    expect(missing.data.messages['zh-CN']).toContain('t2');
    expect(missing.data.messages.en).toContain('cannot be submitted');
    expect((await area().report.get.query(key)).status).toBe('draft');
  });

  it('exports the template with the tasks prefilled and imports it back, every row checked first', async () => {
    const template = await area().report.exportTemplate.query(key);
    expect(template.version).toBe(1);
    const fill = async (t2: (row: ExcelJS.Row) => void) => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Buffer.from(template.content, 'base64') as unknown as ArrayBuffer);
      const sheet = book.worksheets[0] as ExcelJS.Worksheet;
      expect(sheet.getRow(2).getCell(1).text).toBe('t1');
      expect(sheet.getRow(2).getCell(3).text).toContain('in_progress');
      expect(sheet.getRow(3).getCell(1).text).toBe('t2');
      t2(sheet.getRow(3));
      return Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
    };
    const wrong = await fill((row) => {
      row.getCell(3).value = '差不多完成';
      row.getCell(5).value = '服务贸易额=很多';
    });
    const rejected = await failure(area().report.import.mutate({ ...key, version: 1, content: wrong }));
    expect(rejected.data.appCode).toBe('REPORT_IMPORT_REJECTED');
    expect(rejected.data.messages['zh-CN']).toContain('第 3 行 状态 Status 列');
    expect(rejected.data.messages['zh-CN']).toContain('“服务贸易额=很多”不是“指标名称=数值”的格式');
    expect(rejected.data.messages.en).toContain('row 3');
    expect((await area().report.get.query(key)).version).toBe(1);

    const right = await fill((row) => {
      row.getCell(7).value = '本季度该任务尚处于前期调研，无可报告进展';
    });
    const imported = await area().report.import.mutate({ ...key, version: 1, content: right });
    expect(imported.report).toMatchObject({ version: 2, missingTaskIds: [] });
    const [t1, t2] = imported.report.tasks.map((t) => t.entry);
    expect(t1).toMatchObject({ status: 'in_progress', kpiActuals: [{ name: '服务贸易额', actual: 105 }] });
    expect(t1?.evidence).toHaveLength(1);
    expect(t2).toMatchObject({ nothingToReport: true, reason: '本季度该任务尚处于前期调研，无可报告进展' });
  });

  it('submits, the province returns it, a return reopens the draft, the resubmission is accepted', async () => {
    // two saves on the same version at once: exactly one lands, the other is told who won
    const race = await Promise.allSettled(
      ['甲', '乙'].map((who) =>
        area().report.save.mutate({
          ...key,
          version: 2,
          entries: [{ taskId: 't1', status: 'in_progress', narrative: `已完成平台建设招标（${who}）` }],
        }),
      ),
    );
    expect(race.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = race.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((await failure(Promise.reject(lost.reason))).data.appCode).toBe('VERSION_CONFLICT');
    expect((await area().report.get.query(key)).version).toBe(3);

    const submitted = await area().report.submit.mutate({ ...key, version: 3 });
    expect(submitted).toMatchObject({
      status: 'submitted',
      submission: 1,
      timeliness: { status: 'on_time' },
    });
    await eventually(() => eventsOf('report.submitted.v1').length === 1, {
      description: 'report.submitted.v1 published',
    });
    expect(eventsOf('report.submitted.v1')[0]?.envelope?.data).toMatchObject({
      reportId,
      round: 2020,
      submission: 1,
      timeliness: { status: 'on_time', daysLate: 0 },
    });
    const notEditable = await failure(
      area().report.save.mutate({ ...key, version: 4, entries: [{ taskId: 't1', status: 'implemented' }] }),
    );
    expect(notEditable.data.appCode).toBe('REPORT_NOT_EDITABLE');

    const returned = await decide('returned', 1, '任务 t1 缺少指标说明');
    await eventually(async () => (await area().report.get.query(key)).status === 'returned', {
      description: 'the return reached the report',
    });
    await h.send(approvalCaseCompletedV1.topic, returned);
    await eventually(() => h.consumedAll(approvalCaseCompletedV1.topic), {
      description: 'redelivery consumed',
    });
    const reopened = await area().report.get.query(key);
    expect(reopened).toMatchObject({ version: 5, returnReason: '任务 t1 缺少指标说明' });
    await eventually(() => eventsOf('report.returned.v1').length === 1, {
      description: 'report.returned.v1 published',
    });

    // after the due date: the report still counts as delivered on time (its first submission)
    h.clock.set('2026-04-20T02:00:00Z');
    const fixed = await area().report.save.mutate({
      ...key,
      version: 5,
      entries: [{ taskId: 't1', status: 'implemented', narrative: '平台已上线，指标说明见附件' }],
    });
    const again = await area().report.submit.mutate({ ...key, version: fixed.version });
    expect(again).toMatchObject({ submission: 2, timeliness: { status: 'on_time' } });
    await decide('approved', 2, null);
    await eventually(async () => (await area().report.get.query(key)).status === 'accepted', {
      description: 'the acceptance reached the report',
    });
    await eventually(() => eventsOf('report.accepted.v1').length === 1, {
      description: 'report.accepted.v1 published',
    });
    expect(eventsOf('report.accepted.v1')[0]?.envelope?.data).toMatchObject({
      submission: 2,
      caseId: `case-${reportId}-2`,
    });
    // accepted after its due day: it leaves the current reports once its acceptance is published
    await eventually(async () => (await whereIs(reportId)).past && !(await whereIs(reportId)).current, {
      description: 'the accepted report moved to the past reports',
    });
    expect(await area().report.get.query(key)).toMatchObject({ status: 'accepted', submission: 2 });
    expect(
      (await province().report.list.query({ periodId: key.periodId })).map((r) => [r.reportId, r.status]),
    ).toContainEqual([reportId, 'accepted']);

    const audit = await province().report.audit.query(key);
    expect(audit.map((a) => a.action)).toEqual([
      'created',
      'imported',
      'saved',
      'submitted',
      'returned',
      'saved',
      'submitted',
      'accepted',
    ]);
    expect(audit.find((a) => a.action === 'returned')?.reason).toBe('任务 t1 缺少指标说明');
    const applied = await h.withDatabase('guangdong', (db) =>
      db.collection('applied_events').countDocuments({ purpose: 'report-outcome' }),
    );
    expect(applied).toBe(2);
  });

  it('keeps timeliness per period and rolls it up per province and nationally', async () => {
    // the delivery reaches the timeliness rows by event: read until it has
    const own = await eventually(
      async () => {
        const read = await province().report.timeliness.query({ round: 2020 });
        const row = read.periods.find((p) => p.periodId === '2020-2026-Q1');
        const guangzhou = row?.areas.find((a) => a.pilotAreaId === 'guangzhou');
        // Q1's due date passes by the scheduler's timer (the clock moved in the test before)
        return (
          row?.stage === 'due-passed' &&
          guangzhou?.reportStatus === 'accepted' &&
          guangzhou.status === 'on_time' &&
          read
        );
      },
      { description: "Q1's due date passed, and Guangzhou's delivery and acceptance in the timeliness rows" },
    );
    const q1 = own.periods.find((p) => p.periodId === '2020-2026-Q1');
    expect(q1?.areas).toEqual([
      { pilotAreaId: 'guangzhou', status: 'on_time', daysLate: 0, reportStatus: 'accepted' },
      { pilotAreaId: 'shenzhen', status: 'missing', daysLate: 0, reportStatus: null },
    ]);
    expect(own.totals).toMatchObject({ onTime: 1, missing: 1 });
    // the delivery, Q1's due date and Q2's opening reach the national rows by separate writers,
    // read up to NATIONAL_READS_STALENESS_MS behind: read until all of them show
    await untilPasses(
      async () => {
        const national = await ministry().report.nationalTimeliness.query({ round: 2020 });
        expect(national.periods.find((p) => p.periodId === '2020-2026-Q1')?.provinces).toEqual([
          { province: 'guangdong', expected: 2, onTime: 1, late: 0, daysLate: 0, missing: 1, pending: 0 },
        ]);
        // Q2 opened in April: both areas owe a report that is not due yet
        expect(national.periods.find((p) => p.periodId === '2020-2026-Q2')?.totals.pending).toBe(2);
      },
      { description: 'the national timeliness rows of Q1 and Q2' },
    );
  });

  it("the ministry reopens one area's report in a locked period for a reason and a due date of its own", async () => {
    const shenzhenKey = { pilotAreaId: 'shenzhen', periodId: '2020-2026-Q1' };
    await ministry().period.lock.mutate({ periodId: '2020-2026-Q1', reason: '一季度报送结束' });
    const locked = await failure(
      h.client(principals.shenzhen).report.save.mutate({ ...shenzhenKey, version: 0, entries: [] }),
    );
    expect(locked.data.appCode).toBe('PERIOD_LOCKED');

    const notTheMinistry = await failure(
      province().report.grantException.mutate({
        ...shenzhenKey,
        reason: '系统故障未能报送',
        due: '2026-04-30',
      }),
    );
    expect(notTheMinistry.data.appCode).toBe('ROLE_NOT_ALLOWED');
    const past = await failure(
      ministry().report.grantException.mutate({
        ...shenzhenKey,
        reason: '系统故障未能报送',
        due: '2026-04-10',
      }),
    );
    expect(past.data.appCode).toBe('EXCEPTION_DUE_IN_PAST');
    expect(past.data.messages['zh-CN']).toContain('早于今天（2026-04-20）');
    expect(past.data.messages.en).toContain('before today');

    const granted = await ministry().report.grantException.mutate({
      ...shenzhenKey,
      reason: '系统故障未能报送',
      due: '2026-04-30',
    });
    expect(granted).toMatchObject({
      version: 1,
      status: 'draft',
      due: '2026-04-30',
      exception: { reason: '系统故障未能报送', due: '2026-04-30', grantedBy: 'mofcom-officer' },
      missingTaskIds: ['t1', 't2'],
    });
    const saved = await h.client(principals.shenzhen).report.save.mutate({
      ...shenzhenKey,
      version: 1,
      entries: [
        { taskId: 't1', status: 'in_progress', narrative: '补报：平台建设推进中' },
        { taskId: 't2', nothingToReport: { reason: '本期未开展' } },
      ],
    });
    const submitted = await h.client(principals.shenzhen).report.submit.mutate({
      ...shenzhenKey,
      version: saved.version,
    });
    // delivered by the exception's due date: on time
    expect(submitted).toMatchObject({ status: 'submitted', timeliness: { status: 'on_time' } });
    const underReview = await failure(
      ministry().report.grantException.mutate({ ...shenzhenKey, reason: '再次延期', due: '2026-05-10' }),
    );
    expect(underReview.data.appCode).toBe('REPORT_UNDER_REVIEW');

    // a past report is read where it is, and refused as every report of a locked period is
    expect(await whereIs(reportId)).toEqual({ current: false, past: true });
    const pastSave = await failure(
      area().report.save.mutate({ ...key, version: 7, entries: [{ taskId: 't1', status: 'blocked' }] }),
    );
    expect(pastSave.data.appCode).toBe('PERIOD_LOCKED');

    // an accepted report goes back to its area with the reason (back among the current reports)
    const reopened = await ministry().report.grantException.mutate({
      ...key,
      reason: '核查发现指标数据有误，请更正',
      due: '2026-04-30',
    });
    expect(reopened).toMatchObject({ status: 'returned', returnReason: '核查发现指标数据有误，请更正' });
    expect(await whereIs(reportId)).toEqual({ current: true, past: false });
    const corrected = await area().report.save.mutate({
      ...key,
      version: reopened.version,
      entries: [{ taskId: 't1', status: 'implemented', narrative: '指标数据已更正' }],
    });
    expect(corrected.version).toBe(reopened.version + 1);
    const audit = await province().report.audit.query(key);
    expect(audit.find((a) => a.action === 'exception-granted')).toMatchObject({
      userId: 'mofcom-officer',
      reason: '核查发现指标数据有误，请更正',
    });

    // once the exception's day has passed, the lock holds again
    h.clock.set('2026-05-06T02:00:00Z');
    const lockedAgain = await failure(
      area().report.save.mutate({
        ...key,
        version: corrected.version,
        entries: [{ taskId: 't1', status: 'blocked' }],
      }),
    );
    expect(lockedAgain.data.appCode).toBe('PERIOD_LOCKED');
  });

  it('a report accepted in time stays current until its period is past due, then moves with the period', async () => {
    const q2 = { pilotAreaId: 'guangzhou', periodId: '2020-2026-Q2' };
    const q2Id = '2020-2026-Q2:guangzhou';
    const saved = await area().report.save.mutate({
      ...q2,
      version: 0,
      entries: [
        { taskId: 't1', status: 'implemented', narrative: '二季度平台运行平稳' },
        { taskId: 't2', nothingToReport: { reason: '本期未开展' } },
      ],
    });
    await area().report.submit.mutate({ ...q2, version: saved.version });
    await decide('approved', 1, null, q2Id);
    await eventually(
      () => recorder.ofType('report.accepted.v1', (e) => e.envelope?.aggregateId === q2Id).length === 1,
      { description: "Q2's acceptance published" },
    );
    // published, but Q2 is due in July: still a current report
    expect(await whereIs(q2Id)).toEqual({ current: true, past: false });

    h.clock.set('2026-07-20T02:00:00Z');
    await eventually(async () => (await whereIs(q2Id)).past && !(await whereIs(q2Id)).current, {
      description: "Q2's due day passed (the scheduler's timer, then its event) and the report moved",
    });
    expect(await area().report.get.query(q2)).toMatchObject({
      status: 'accepted',
      version: saved.version + 2,
    });
    expect((await province().report.list.query({ round: 2020 })).map((r) => r.reportId)).toEqual(
      expect.arrayContaining([reportId, q2Id]),
    );
  });
});
