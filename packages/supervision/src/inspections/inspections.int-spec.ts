import { planApprovedV1, supervisionTopics, type EventData } from '@tradepilot/contracts';
import { EventRecorder, untilPasses } from '@tradepilot/test-stack';
import { eventually } from '@tradepilot/testing';
import { randomUUID } from 'node:crypto';
import {
  approvedPlan,
  failure,
  MovableClock,
  planTask,
  principals,
  SupervisionHarness,
} from '../test/supervision-harness';

// Monday 1 June 2026, 10:00 in Beijing
const h = new SupervisionHarness(new MovableClock(new Date('2026-06-01T02:00:00Z')));
const area = () => h.client(principals.guangzhou);
const shenzhen = () => h.client(principals.shenzhen);
const province = () => h.client(principals.guangdong);
const zhejiang = () => h.client(principals.zhejiang);
const ministry = () => h.client(principals.ministry);
let recorder: EventRecorder;
const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

const approval: EventData<typeof planApprovedV1> = approvedPlan({
  pilotAreaId: 'guangzhou',
  title: { 'zh-CN': '实施方案', en: 'Plan' },
  tasks: [planTask('t1', ['M-1-01']), planTask('t2', ['M-2-01'])],
  measureCoverage: { applicable: 2, covered: 2, percent: 100 },
  approvedAt: '2026-01-15T02:00:00.000Z',
});

const schedule = {
  pilotAreaId: 'guangzhou',
  subject: { 'zh-CN': '重点任务推进情况专项督查', en: 'Progress of the key tasks' },
  startDate: '2026-06-03',
  endDate: '2026-06-04',
  inspectors: ['张伟', '李娜'],
};
const finding = {
  description: { 'zh-CN': '重点项目台账未按月更新', en: 'The key project ledger is not updated monthly' },
  severity: 'major' as const,
  taskIds: ['t1'],
};

const eventsOf = (type: string, aggregateId: string) =>
  recorder.ofType(type, (e) => e.envelope?.aggregateId === aggregateId);

/** Two sweeps of the rectification timers after now: whatever was due has been fired or skipped. */
async function twoSweeps(): Promise<void> {
  const sweeps = () =>
    h.withDatabase('national', async (db) => {
      const beat = await db
        .collection<{ _id: string; sweeps: number }>('scheduler_heartbeat')
        .findOne({ _id: 'rectification-timers' });
      return beat?.sweeps ?? 0;
    });
  const from = await sweeps();
  await eventually(async () => (await sweeps()) >= from + 2, { description: 'two timer sweeps' });
}

beforeAll(async () => {
  await h.start();
  recorder = new EventRecorder(h.topicPrefix);
  await recorder.start([supervisionTopics.inspection, supervisionTopics.rectification]);
  await h.publishApproval(approval);
  await h.untilInForce([{ pilotAreaId: 'guangzhou' }]);
});
afterAll(async () => {
  await recorder?.stop();
  await h.close();
});

let inspectionId = '';
let rectificationId = '';
let ministryRectificationId = '';

describe('inspections and rectification: findings, reports, closing, isolation, overdue escalation', () => {
  it('refuses a bad inspection in both languages and writes nothing', async () => {
    const order = await failure(
      province().inspection.schedule.mutate({ ...schedule, startDate: '2026-06-05', endDate: '2026-06-04' }),
    );
    expect(order.data.appCode).toBe('INSPECTION_DATES_OUT_OF_ORDER');
    expect(order.data.messages['zh-CN']).toContain('endDate：结束日期 2026-06-04 早于开始日期 2026-06-05');
    expect(order.data.messages.en).toContain('endDate: the end date 2026-06-04 is before the start date');
    const invalid = await failure(
      province().inspection.schedule.mutate({
        ...schedule,
        subject: { 'zh-CN': '', en: 'x' },
        inspectors: [],
      }),
    );
    expect(invalid.data.appCode).toBe('VALIDATION_FAILED');
    expect(invalid.data.messages['zh-CN']).toContain('请填写中文督查事项');
    expect(invalid.data.messages['zh-CN']).toContain('请至少填写一名督查人员');
    expect(invalid.data.messages.en).toContain('name at least one inspector');
    const unknownTask = await failure(
      province().inspection.schedule.mutate({ ...schedule, taskIds: ['t9'] }),
    );
    expect(unknownTask.data.appCode).toBe('INSPECTION_TASKS_UNKNOWN');
    expect(unknownTask.data.messages['zh-CN']).toContain('任务 t9 不在已生效的实施方案');
    // the pilot area does not inspect itself
    expect((await failure(area().inspection.schedule.mutate(schedule))).data.appCode).toBe(
      'ROLE_NOT_ALLOWED',
    );
    expect(await province().inspection.list.query({})).toEqual([]);
  });

  it('the province schedules and carries out an inspection and records a finding: its event is published', async () => {
    const scheduled = await province().inspection.schedule.mutate({ ...schedule, taskIds: ['t1'] });
    inspectionId = scheduled.inspectionId;
    expect(scheduled).toMatchObject({
      version: 1,
      status: 'scheduled',
      inspectorLevel: 'province',
      inspectorOrganisationId: 'guangdong',
      mayCarryOut: true,
      mayRecordFinding: false,
    });
    const early = await failure(
      province().inspection.recordFinding.mutate({ ...finding, inspectionId, dueInWorkingDays: 10 }),
    );
    expect(early.data.appCode).toBe('INSPECTION_WRONG_STATUS');
    expect(early.data.messages['zh-CN']).toContain('督查状态为“已安排”');
    const carried = await province().inspection.carryOut.mutate({
      inspectionId,
      version: 1,
      summary: '实地查看了三个重点项目',
    });
    expect(carried).toMatchObject({ version: 2, status: 'carried-out', mayRecordFinding: true });

    const bothDue = await failure(
      province().inspection.recordFinding.mutate({
        ...finding,
        inspectionId,
        dueDate: '2026-07-01',
        dueInWorkingDays: 10,
      }),
    );
    expect(bothDue.data.appCode).toBe('RECTIFICATION_DUE_REQUIRED');
    expect(bothDue.data.messages['zh-CN']).toContain('二者选其一');
    const pastDue = await failure(
      province().inspection.recordFinding.mutate({ ...finding, inspectionId, dueDate: '2026-05-29' }),
    );
    expect(pastDue.data.appCode).toBe('RECTIFICATION_DUE_PASSED');
    expect(pastDue.data.messages['zh-CN']).toContain(
      'dueDate：整改截止日期 2026-05-29 早于今天（2026-06-01）',
    );
    expect(await province().inspection.rectificationList.query({})).toEqual([]);

    const recorded = await province().inspection.recordFinding.mutate({
      ...finding,
      inspectionId,
      dueInWorkingDays: 10,
    });
    rectificationId = recorded.rectificationId;
    expect(recorded).toMatchObject({
      version: 1,
      status: 'open',
      inspectionId,
      // 10 working days from Monday 1 June
      dueDate: '2026-06-15',
      dueAt: '2026-06-15T16:00:00.000Z',
      overdue: false,
      finding: { severity: 'major', taskIds: ['t1'] },
      mayClose: false,
    });
    const seen = await area().inspection.rectificationGet.query({ rectificationId });
    expect(seen).toMatchObject({ maySubmit: true, mayReportProgress: true, mayClose: false });
    const event = await recorder.waitForEvent(
      'inspection.finding_recorded.v1',
      (e) => e.envelope?.aggregateId === rectificationId,
    );
    expect(event.envelope?.data).toMatchObject({
      inspectionId,
      rectificationId,
      findingId: recorded.findingId,
      inspectorLevel: 'province',
      description: '重点项目台账未按月更新',
      rectificationDue: '2026-06-15',
      severity: 'major',
    });
  });

  it('the area reports progress and submits; the province sends it back, then closes it', async () => {
    const evidence = await h.upload(principals.guangzhou, '台账截图.pdf', pdf);
    const unknownEvidence = await failure(
      area().inspection.reportProgress.mutate({
        rectificationId,
        version: 1,
        status: 'in-progress',
        narrative: '已补录 1 至 5 月台账',
        attachmentIds: [randomUUID()],
      }),
    );
    expect(unknownEvidence.data.appCode).toBe('RECTIFICATION_ATTACHMENTS_REFUSED');
    expect(unknownEvidence.data.messages['zh-CN']).toContain('attachmentIds：附件');
    expect((await area().inspection.rectificationGet.query({ rectificationId })).version).toBe(1);
    const progressed = await area().inspection.reportProgress.mutate({
      rectificationId,
      version: 1,
      status: 'in-progress',
      narrative: '已补录 1 至 5 月台账',
      attachmentIds: [evidence.id],
    });
    expect(progressed).toMatchObject({
      version: 2,
      status: 'in-progress',
      progress: { attachmentIds: [evidence.id] },
    });
    // the evidence is the area's and its province's to read, not another area's
    expect(await h.download(principals.guangzhou, 'guangdong', evidence.id)).toEqual({
      status: 200,
      body: pdf,
    });
    expect((await h.download(principals.guangdong, 'guangdong', evidence.id)).status).toBe(200);
    expect((await h.download(principals.shenzhen, 'guangdong', evidence.id)).status).toBe(404);
    const tooEarly = await failure(
      province().inspection.closeRectification.mutate({ rectificationId, version: 2, comment: '同意销号' }),
    );
    expect(tooEarly.data.appCode).toBe('RECTIFICATION_WRONG_STATUS');
    expect(tooEarly.data.messages['zh-CN']).toContain('整改事项状态为“整改中”，不能验收销号');
    await area().inspection.submitRectification.mutate({
      rectificationId,
      version: 2,
      narrative: '台账已按月更新至 5 月',
    });
    const returned = await province().inspection.sendBackRectification.mutate({
      rectificationId,
      version: 3,
      reason: '台账仅更新至 5 月，请补充 6 月数据',
    });
    expect(returned).toMatchObject({ version: 4, status: 'returned', returns: 1, maySubmit: false });
    const stale = await failure(
      area().inspection.submitRectification.mutate({ rectificationId, version: 3, narrative: '再次提交' }),
    );
    expect(stale.data.appCode).toBe('VERSION_CONFLICT');
    await area().inspection.submitRectification.mutate({
      rectificationId,
      version: 4,
      narrative: '已补充 6 月台账',
    });
    const closed = await province().inspection.closeRectification.mutate({
      rectificationId,
      version: 5,
      comment: '台账已按月更新，整改到位',
    });
    expect(closed).toMatchObject({
      version: 6,
      status: 'closed',
      closingComment: '台账已按月更新，整改到位',
    });

    const event = await recorder.waitForEvent(
      'rectification.closed.v1',
      (e) => e.envelope?.aggregateId === rectificationId,
    );
    expect(event.envelope?.data).toMatchObject({
      inspectionId,
      overdue: false,
      comment: '台账已按月更新，整改到位',
    });
    expect(eventsOf('rectification.submitted.v1', rectificationId)).toHaveLength(2);
    expect(eventsOf('rectification.returned.v1', rectificationId)).toHaveLength(1);

    const detail = await province().inspection.rectificationGet.query({ rectificationId });
    expect(detail.history.map((l) => [l.version, l.action, l.userId])).toEqual([
      [1, 'finding-recorded', 'guangdong-province'],
      [2, 'progress-reported', 'guangzhou-officer'],
      [3, 'submitted', 'guangzhou-officer'],
      [4, 'sent-back', 'guangdong-province'],
      [5, 'submitted', 'guangzhou-officer'],
      [6, 'closed', 'guangdong-province'],
    ]);
    expect(detail.history[3]?.reason).toBe('台账仅更新至 5 月，请补充 6 月数据');
    expect(detail.updates.map((u) => [u.kind, u.narrative])).toEqual([
      ['progress', '已补录 1 至 5 月台账'],
      ['submission', '台账已按月更新至 5 月'],
      ['submission', '已补充 6 月台账'],
    ]);
    const inspection = await area().inspection.get.query({ inspectionId });
    expect(inspection.findings.map((f) => [f.rectificationId, f.status])).toEqual([
      [rectificationId, 'closed'],
    ]);
    expect(inspection.history.map((l) => l.action)).toEqual(['scheduled', 'carried-out']);
  });

  it('another province, or another area of the province, finds nothing and changes nothing', async () => {
    expect((await failure(zhejiang().inspection.get.query({ inspectionId }))).data.appCode).toBe(
      'INSPECTION_NOT_FOUND',
    );
    expect(
      (await failure(zhejiang().inspection.carryOut.mutate({ inspectionId, version: 2 }))).data.appCode,
    ).toBe('INSPECTION_NOT_FOUND');
    expect(
      (await failure(zhejiang().inspection.rectificationGet.query({ rectificationId }))).data.appCode,
    ).toBe('RECTIFICATION_NOT_FOUND');
    expect(
      (
        await failure(
          zhejiang().inspection.sendBackRectification.mutate({
            rectificationId,
            version: 6,
            reason: '越权退回',
          }),
        )
      ).data.appCode,
    ).toBe('RECTIFICATION_NOT_FOUND');
    expect(await zhejiang().inspection.list.query({})).toEqual([]);
    expect(await zhejiang().inspection.rectificationList.query({})).toEqual([]);
    expect(
      (await failure(shenzhen().inspection.rectificationGet.query({ rectificationId }))).data.appCode,
    ).toBe('RECTIFICATION_NOT_FOUND');
    expect(await shenzhen().inspection.rectificationList.query({})).toEqual([]);
    expect((await province().inspection.rectificationGet.query({ rectificationId })).version).toBe(6);
  });

  it('the ministry inspects the area; an overdue rectification escalates by itself exactly once, across a restart', async () => {
    const scheduled = await ministry().inspection.ministrySchedule.mutate({
      ...schedule,
      subject: { 'zh-CN': '服务贸易创新发展试点督查', en: 'Pilot programme inspection' },
      measureIds: ['M-2-01'],
    });
    const id = scheduled.inspectionId;
    expect(scheduled).toMatchObject({
      inspectorLevel: 'ministry',
      inspectorOrganisationId: 'mofcom',
      province: 'guangdong',
    });
    // the province sees the ministry's inspection of its area but does not act for the ministry
    expect((await province().inspection.get.query({ inspectionId: id })).mayCarryOut).toBe(false);
    expect(
      (await failure(province().inspection.carryOut.mutate({ inspectionId: id, version: 1 }))).data.appCode,
    ).toBe('INSPECTION_NOT_INSPECTOR');
    await eventually(
      () =>
        ministry()
          .inspection.ministryGet.query({ inspectionId: id })
          .then(() => true)
          .catch(() => false),
      { description: 'the inspection in the national index' },
    );
    await ministry().inspection.ministryCarryOut.mutate({ inspectionId: id, version: 1 });
    const recorded = await ministry().inspection.ministryRecordFinding.mutate({
      inspectionId: id,
      description: { 'zh-CN': '跨境支付便利化措施尚未落地', en: '' },
      severity: 'serious',
      measureIds: ['M-2-01'],
      dueDate: '2026-06-10',
    });
    ministryRectificationId = recorded.rectificationId;
    expect(recorded).toMatchObject({ dueAt: '2026-06-10T16:00:00.000Z', inspectorLevel: 'ministry' });

    // the day after its due date, unfinished
    h.clock.set('2026-06-11T01:00:00Z');
    const escalated = await eventually(
      async () => {
        const now = await area().inspection.rectificationGet.query({
          rectificationId: ministryRectificationId,
        });
        return now.escalated ? now : undefined;
      },
      { description: 'escalated' },
    );
    expect(escalated).toMatchObject({ overdue: true, status: 'open' });
    expect(escalated.history.map((l) => [l.action, l.userId])).toEqual([
      ['finding-recorded', 'mofcom-officer'],
      ['escalated', 'system:supervision'],
    ]);
    await h.service?.stop();
    await h.start();
    // submitted late, sent back with a new due date that passes too: no second escalation
    await area().inspection.submitRectification.mutate({
      rectificationId: ministryRectificationId,
      version: 2,
      narrative: '已出台便利化操作指引',
    });
    await eventually(
      async () =>
        (await ministry().inspection.ministryRectificationList.query({ status: 'submitted' })).some(
          (r) => r.rectificationId === ministryRectificationId,
        ),
      { description: 'submitted in the national index' },
    );
    await ministry().inspection.ministrySendBackRectification.mutate({
      rectificationId: ministryRectificationId,
      version: 3,
      reason: '指引尚未在试点企业中实施',
      dueDate: '2026-06-20',
    });
    h.clock.set('2026-06-26T01:00:00Z');
    await twoSweeps();
    await recorder.waitUntilCaughtUp();
    expect(
      eventsOf('rectification.escalated.v1', ministryRectificationId).map((e) => e.envelope?.data),
    ).toEqual([
      expect.objectContaining({ inspectorLevel: 'ministry', status: 'open', rectificationDue: '2026-06-10' }),
    ]);
    // the closed one, past its due date too, never escalates
    expect(eventsOf('rectification.escalated.v1', rectificationId)).toHaveLength(0);
    const now = await area().inspection.rectificationGet.query({ rectificationId: ministryRectificationId });
    expect(now).toMatchObject({ status: 'returned', overdue: true, escalated: true, dueDate: '2026-06-20' });
  });

  it('counts open and overdue rectifications per area, and per province from supervision_national', async () => {
    const counts = await province().inspection.counts.query();
    expect(counts.totals).toMatchObject({ total: 2, open: 1, overdue: 1, escalated: 1 });
    expect(counts.byPilotArea['guangzhou']).toMatchObject({ total: 2, open: 1, overdue: 1 });
    // each rectification's row in the index follows its own events: read until both rows show
    await untilPasses(
      async () => {
        const n = await ministry().inspection.nationalCounts.query();
        expect(n.byProvince['guangdong']).toMatchObject({
          total: 2,
          open: 1,
          overdue: 1,
          escalated: 1,
          byStatus: { returned: 1 },
        });
      },
      { description: 'national counts from the index' },
    );
    const overdue = await ministry().inspection.ministryRectificationList.query({ overdue: true });
    expect(overdue.map((r) => [r.rectificationId, r.province, r.severity])).toEqual([
      [ministryRectificationId, 'guangdong', 'serious'],
    ]);
    expect(
      (await ministry().inspection.ministryList.query({ province: 'guangdong' })).map((i) => i.status),
    ).toEqual(['carried-out', 'carried-out']);
  });
});
