import { supervisionTopics } from '@tradepilot/contracts';
import { EventRecorder } from '@tradepilot/test-stack';
import { eventually } from '@tradepilot/testing';
import { failure, MovableClock, principals, SupervisionHarness } from './test/supervision-harness';

const h = new SupervisionHarness(new MovableClock(new Date('2026-01-10T02:00:00Z')));
const ministry = () => h.client(principals.ministry);
const province = () => h.client(principals.guangdong);
let recorder: EventRecorder;

beforeAll(async () => {
  await h.start();
  recorder = new EventRecorder(h.topicPrefix);
  await recorder.start([supervisionTopics.period]);
});
afterAll(async () => {
  await recorder?.stop();
  await h.close();
});

const schedule = {
  round: 2020,
  frequency: 'quarterly' as const,
  from: '2026-01-01',
  to: '2026-12-31',
  dueWorkingDays: 10,
  reminderWorkingDaysBefore: 3,
};

const eventsOf = (type: string, periodId: string) =>
  recorder.ofType(type, (e) => e.envelope?.aggregateId === periodId);

const stageOf = async (periodId: string) =>
  (await ministry().period.list.query({ round: 2020 })).periods.find((p) => p.periodId === periodId);

describe('reporting periods on the durable scheduler', () => {
  it('refuses a bad schedule field by field in both languages and writes nothing', async () => {
    const backwards = await failure(
      ministry().reportingSchedule.save.mutate({
        ...schedule,
        from: '2026-12-31',
        to: '2026-01-01',
        version: 0,
      }),
    );
    expect(backwards.data.appCode).toBe('SCHEDULE_INVALID');
    expect(backwards.data.messages['zh-CN']).toContain('早于开始日');
    expect(backwards.data.messages.en).toContain('ends (2026-01-01) before it starts');
    const customWithout = await failure(
      ministry().reportingSchedule.save.mutate({ ...schedule, frequency: 'custom', version: 0 }),
    );
    expect(customWithout.data.messages['zh-CN']).toContain('自定义频率须列出报告期');
    const tooLate = await failure(
      ministry().reportingSchedule.save.mutate({ ...schedule, dueWorkingDays: 0, version: 0 }),
    );
    expect(tooLate.data.appCode).toBe('VALIDATION_FAILED');
    const notMinistry = await failure(province().reportingSchedule.save.mutate({ ...schedule, version: 0 }));
    expect(notMinistry.data.appCode).toBe('ROLE_NOT_ALLOWED');
    expect((await failure(ministry().reportingSchedule.get.query({ round: 2020 }))).data.appCode).toBe(
      'SCHEDULE_NOT_FOUND',
    );
  });

  it('places the periods with due dates on the working calendar and opens the current one once', async () => {
    const saved = await ministry().reportingSchedule.save.mutate({ ...schedule, version: 0 });
    expect(saved.version).toBe(1);
    expect(saved.periods.map((p) => p.periodId)).toEqual([
      '2020-2026-Q1',
      '2020-2026-Q2',
      '2020-2026-Q3',
      '2020-2026-Q4',
    ]);
    // Q1 ends on Tuesday 31 March; ten working days later, with Qingming (4–6 April) off
    expect(saved.periods[0]?.due).toBe('2026-04-15');
    await eventually(async () => (await stageOf('2020-2026-Q1'))?.stage === 'open', {
      description: 'Q1 opened by the scheduler',
    });
    await eventually(() => eventsOf('period.opened.v1', '2020-2026-Q1').length > 0, {
      description: 'period.opened.v1 of Q1 published',
    });
    await recorder.waitUntilCaughtUp();
    expect(eventsOf('period.opened.v1', '2020-2026-Q1')).toHaveLength(1);
    expect(eventsOf('period.opened.v1', '2020-2026-Q2')).toHaveLength(0);
    // a second save on the version read before conflicts, in both languages, and changes nothing
    const stale = await failure(
      ministry().reportingSchedule.save.mutate({ ...schedule, dueWorkingDays: 5, version: 0 }),
    );
    expect(stale.data.appCode).toBe('VERSION_CONFLICT');
    expect(stale.data.messages['zh-CN']).toContain('报告时间表已被');
    expect((await ministry().reportingSchedule.get.query({ round: 2020 })).dueWorkingDays).toBe(10);
  });

  it('a new due rule moves the periods not yet open; the open one keeps its date', async () => {
    const saved = await ministry().reportingSchedule.save.mutate({
      ...schedule,
      dueWorkingDays: 5,
      version: 1,
    });
    expect(saved.version).toBe(2);
    expect(saved.periods.find((p) => p.periodId === '2020-2026-Q1')?.due).toBe('2026-04-15');
    expect(saved.periods.find((p) => p.periodId === '2020-2026-Q2')?.due).toBe('2026-07-07');
    const audit = await h.withDatabase('national', (db) =>
      db.collection('audit_trail').find({ subjectType: 'reporting-schedule' }).sort({ version: 1 }).toArray(),
    );
    expect(audit.map((a) => a['action'])).toEqual(['created', 'saved']);
    expect(audit[1]?.['changes']).toEqual([{ field: 'dueWorkingDays', before: 10, after: 5 }]);
  });

  it('reminds and turns late once each, across a restart, while the next period opens', async () => {
    h.clock.set('2026-04-13T01:00:00Z');
    await eventually(async () => (await stageOf('2020-2026-Q1'))?.stage === 'reminded', {
      description: 'Q1 reminder sent',
    });
    h.clock.set('2026-04-16T01:00:00Z');
    await eventually(async () => (await stageOf('2020-2026-Q1'))?.stage === 'due-passed', {
      description: 'Q1 turned late',
    });
    await h.service?.stop();
    await h.start();
    // Q2 opened on 1 April already; Q3 opens on 1 July: the sweep after the restart reaches it
    h.clock.set('2026-07-01T01:00:00Z');
    await eventually(async () => (await stageOf('2020-2026-Q3'))?.stage === 'open', {
      description: 'Q3 opened after the restart',
    });
    await eventually(() => eventsOf('period.opened.v1', '2020-2026-Q3').length > 0, {
      description: 'period.opened.v1 of Q3 published',
    });
    await recorder.waitUntilCaughtUp();
    expect(eventsOf('period.opened.v1', '2020-2026-Q1')).toHaveLength(1);
    expect(eventsOf('period.due_soon.v1', '2020-2026-Q1')).toHaveLength(1);
    expect(eventsOf('period.due_passed.v1', '2020-2026-Q1')).toHaveLength(1);
    expect(eventsOf('period.due_passed.v1', '2020-2026-Q1')[0]?.envelope?.data).toMatchObject({
      periodId: '2020-2026-Q1',
      due: '2026-04-15',
    });
    expect(eventsOf('period.opened.v1', '2020-2026-Q3')).toHaveLength(1);
  });

  it('a ministry officer locks a period once its due date passed, with a reason, audited', async () => {
    const early = await failure(
      ministry().period.lock.mutate({ periodId: '2020-2026-Q3', reason: '年度检查' }),
    );
    expect(early.data.appCode).toBe('PERIOD_NOT_CLOSED');
    expect(early.data.messages['zh-CN']).toContain('尚未过去');
    const locked = await ministry().period.lock.mutate({
      periodId: '2020-2026-Q1',
      reason: '一季度报告已全部审核',
    });
    expect(locked).toMatchObject({ locked: true, lockedBy: 'mofcom-officer' });
    const again = await failure(
      ministry().period.lock.mutate({ periodId: '2020-2026-Q1', reason: '重复操作' }),
    );
    expect(again.data.appCode).toBe('PERIOD_LOCKED');
    const missing = await failure(
      ministry().period.lock.mutate({ periodId: '2020-2030-Q9', reason: '不存在' }),
    );
    expect(missing.data.appCode).toBe('PERIOD_NOT_FOUND');
    const notMinistry = await failure(
      province().period.lock.mutate({ periodId: '2020-2026-Q2', reason: '越权' }),
    );
    expect(notMinistry.data.appCode).toBe('ROLE_NOT_ALLOWED');
    const audit = await h.withDatabase('national', (db) =>
      db.collection('audit_trail').findOne({ subjectType: 'reporting-period', subjectId: '2020-2026-Q1' }),
    );
    expect(audit).toMatchObject({
      action: 'locked',
      reason: '一季度报告已全部审核',
      userId: 'mofcom-officer',
    });
    // every signed-in user of the program sees the periods and their due dates
    const seen = await province().period.list.query({ round: 2020 });
    expect(seen.periods.find((p) => p.periodId === '2020-2026-Q1')).toMatchObject({
      locked: true,
      due: '2026-04-15',
    });
  });
});
