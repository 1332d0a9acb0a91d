import {
  planAmendmentStartedV1,
  planApprovedV1,
  planClosedV1,
  planImplementationStartedV1,
  type EventData,
} from '@tradepilot/contracts';
import { eventually, untilPasses } from '@tradepilot/testing';
import { randomUUID } from 'node:crypto';
import {
  approvedPlan,
  failure,
  MovableClock,
  planTask,
  principals,
  SupervisionHarness,
} from './test/supervision-harness';

const h = new SupervisionHarness(new MovableClock(new Date('2026-01-10T02:00:00Z')));
const guangdong = () => h.client(principals.guangdong);

beforeAll(() => h.start());
afterAll(() => h.close());

const planId = randomUUID();
const approval = (
  submission: number,
  tasks: EventData<typeof planApprovedV1>['tasks'],
  amendment: boolean,
): EventData<typeof planApprovedV1> =>
  approvedPlan({
    planId,
    pilotAreaId: 'guangzhou',
    title: { 'zh-CN': '广州市实施方案', en: 'Guangzhou plan' },
    submission,
    amendment,
    status: amendment ? 'implementing' : 'approved',
    tasks,
    measureCoverage: { applicable: 3, covered: tasks.length, percent: 66.7 },
    approvedAt: h.clock.now().toISOString(),
  });
const inPlan = { tenant: 'guangdong', aggregateId: planId };

describe('supervision follows the plan in force of each pilot area', () => {
  it('keeps the tasks, measures, milestones and KPIs of the approved version; a redelivery changes nothing', async () => {
    const approved = await h.publish(
      planApprovedV1,
      approval(1, [planTask('t1', ['M-1-01']), planTask('t2', ['M-2-01', 'M-1-01'])], false),
      { ...inPlan, sequence: 5, actor: principals.ministry },
    );
    const plan = await eventually(
      () =>
        guangdong()
          .supervisedPlan.get.query({ pilotAreaId: 'guangzhou' })
          .catch(() => undefined),
      { description: 'the approved plan reached supervision' },
    );
    expect(plan).toMatchObject({
      planId,
      round: 2020,
      status: 'approved',
      inForce: { submission: 1, measureIds: ['M-1-01', 'M-2-01'] },
    });
    expect(plan.inForce.tasks.map((t) => t.id)).toEqual(['t1', 't2']);
    expect(plan.inForce.tasks[0]?.kpis[0]).toMatchObject({ name: '服务贸易额', target: 120 });
    expect(plan.inForce.tasks[0]?.milestones).toEqual([{ title: '启动', due: '2026-06-30' }]);

    await h.send(planApprovedV1.topic, approved);
    await h.publish(
      planImplementationStartedV1,
      {
        planId,
        pilotAreaId: 'guangzhou',
        round: 2020,
        inForceSubmission: 1,
        startedAt: h.clock.now().toISOString(),
      },
      { ...inPlan, sequence: 6 },
    );
    await eventually(
      async () =>
        (await guangdong().supervisedPlan.get.query({ pilotAreaId: 'guangzhou' })).status === 'implementing',
      {
        description: 'implementation started',
      },
    );
    const versions = await h.withDatabase('guangdong', (db) =>
      db.collection('plan_versions').countDocuments({}),
    );
    expect(versions).toBe(1);
  });

  it('an approved amendment becomes the version in force; the earlier version is kept for past periods', async () => {
    h.clock.set('2026-05-05T02:00:00Z');
    const amending = await h.publish(
      planAmendmentStartedV1,
      {
        planId,
        pilotAreaId: 'guangzhou',
        round: 2020,
        inForceSubmission: 1,
        reason: '新增任务',
        startedAt: h.clock.now().toISOString(),
      },
      { ...inPlan, sequence: 7 },
    );
    await eventually(
      async () =>
        (await guangdong().supervisedPlan.get.query({ pilotAreaId: 'guangzhou' })).status === 'amending',
      {
        description: 'amendment started',
      },
    );
    // still the approved version while the amendment is drafted
    expect(
      (await guangdong().supervisedPlan.get.query({ pilotAreaId: 'guangzhou' })).inForce.submission,
    ).toBe(1);

    await h.publish(
      planApprovedV1,
      approval(2, [planTask('t1', ['M-1-01']), planTask('t2', ['M-2-01']), planTask('t3', ['M-3-01'])], true),
      { ...inPlan, sequence: 9, actor: principals.ministry },
    );
    const amended = await eventually(
      async () => {
        const p = await guangdong().supervisedPlan.get.query({ pilotAreaId: 'guangzhou' });
        return p.inForce.submission === 2 && p;
      },
      { description: 'the amendment is in force' },
    );
    expect(amended.status).toBe('implementing');
    expect(amended.inForce.measureIds).toEqual(['M-1-01', 'M-2-01', 'M-3-01']);
    expect(amended.versions.map((v) => [v.submission, v.amendment])).toEqual([
      [1, false],
      [2, true],
    ]);

    // an older event redelivered after the amendment was approved does not move the plan back
    await h.send(planAmendmentStartedV1.topic, amending);
    await eventually(() => h.consumedAll(planAmendmentStartedV1.topic), {
      description: 'redelivery consumed',
    });
    expect((await guangdong().supervisedPlan.get.query({ pilotAreaId: 'guangzhou' })).status).toBe(
      'implementing',
    );

    await h.publish(
      planClosedV1,
      {
        planId,
        pilotAreaId: 'guangzhou',
        round: 2020,
        inForceSubmission: 2,
        reason: '周期结束',
        closedAt: h.clock.now().toISOString(),
      },
      { ...inPlan, sequence: 10 },
    );
    const closed = await eventually(
      async () => {
        const p = await guangdong().supervisedPlan.get.query({ pilotAreaId: 'guangzhou' });
        return p.status === 'closed' && p;
      },
      { description: 'the plan closed' },
    );
    expect(closed.inForce.submission).toBe(2);
  });

  it('the ministry sees the national picture from supervision_national', async () => {
    // the national row is written after the area's (read closed above), and the ministry's reads
    // may answer up to NATIONAL_READS_STALENESS_MS behind it: read until the whole picture holds
    await untilPasses(
      async () => {
        const summary = await h.client(principals.ministry).implementation.nationalSummary.query({});
        expect(summary).toMatchObject({ round: 2020, pilotAreas: 28, underSupervision: 1 });
        expect(summary.byPlanStatus).toEqual({ approved: 0, implementing: 0, amending: 0, closed: 1 });
      },
      { description: 'the national summary counting the closed plan' },
    );
  });

  it("a pilot area sees only its own plan; another province's officer finds nothing", async () => {
    expect(await h.client(principals.guangzhou).supervisedPlan.list.query({})).toHaveLength(1);
    expect(await h.client(principals.shenzhen).supervisedPlan.list.query({})).toEqual([]);
    expect(await h.client(principals.zhejiang).supervisedPlan.list.query({})).toEqual([]);

    const otherArea = await failure(
      h.client(principals.shenzhen).supervisedPlan.get.query({ pilotAreaId: 'guangzhou' }),
    );
    expect(otherArea.data.appCode).toBe('NOT_YOUR_PILOT_AREA');
    const otherProvince = await failure(
      h.client(principals.zhejiang).supervisedPlan.get.query({ pilotAreaId: 'guangzhou' }),
    );
    expect(otherProvince.data.appCode).toBe('PILOT_AREA_NOT_FOUND');
    expect(otherProvince.message).not.toContain(planId);
    const noPlan = await failure(guangdong().supervisedPlan.get.query({ pilotAreaId: 'shenzhen' }));
    expect(noPlan.data.appCode).toBe('NO_PLAN_IN_FORCE');
  });

  it('a round the area does not take part in, or a malformed one, is refused with a bilingual message', async () => {
    const wrongRound = await failure(
      h.client(principals.liaoning).supervisedPlan.get.query({ pilotAreaId: 'dalian', round: 2016 }),
    );
    expect(wrongRound.data.appCode).toBe('ROUND_NOT_FOR_PILOT_AREA');
    expect(wrongRound.data.messages['zh-CN']).toContain('未参加 2016 年批次');
    const malformed = await failure(
      guangdong().supervisedPlan.get.query({ pilotAreaId: 'guangzhou', round: 1999 }),
    );
    expect(malformed.data.messages['zh-CN']).toContain('批次');
    expect(malformed.data.messages.en).toContain('round');
  });
});
