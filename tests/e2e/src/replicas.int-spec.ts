import { approvalTopics, practiceTopic, topics } from '@tradepilot/contracts';
import {
  EventRecorder,
  eventually,
  startReplica,
  startTestStack,
  type TestStack,
} from '@tradepilot/test-stack';
import {
  devLogin,
  expectBilingualError,
  trpcCall,
  trpcData,
  trpcError,
  type HttpAnswer,
} from './test/gateway-http';
import { sampleTask, signIn } from './test/gateway-client';
import { measureCsv } from './test/measure-csv';

const services = ['plans', 'approvals', 'supervision', 'practices', 'gateway'] as const;

/**
 * Two instances of every service (each a process, behind its own gateway) on one database, one
 * set of topics and one consumer group per service: concurrent commands on the same aggregates
 * through both. Every change answered 2xx is kept with its event; every other answer is a 409
 * with a bilingual message (checklist R11; R5: a second consumer instance in each group).
 */
jest.setTimeout(300_000);

/** ten processes share two cores here: events take their time to travel through both instances */
const settleMs = 60_000;

describe('two instances of every service on the same database', () => {
  let a: TestStack;
  let b: Awaited<ReturnType<typeof startReplica>>;
  let recorder: EventRecorder;
  /** one gateway per instance set: [A, B] */
  const gateways: { gatewayUrl: string }[] = [];
  const tokens = new Map<string, [string, string]>();

  beforeAll(async () => {
    a = await startTestStack({ apps: [...services] });
    b = await startReplica(a, [...services], `replica-${a.prefix}`);
    gateways.push(a, b);
    recorder = new EventRecorder(a.topicPrefix);
    await recorder.start([topics.plan, approvalTopics.case, practiceTopic]);
    for (const user of ['guangdong-province', 'guangzhou-officer', 'mofcom-officer']) {
      const [onA, onB] = await Promise.all(gateways.map((g) => devLogin(g as TestStack, user)));
      tokens.set(user, [
        (onA as { accessToken: string }).accessToken,
        (onB as { accessToken: string }).accessToken,
      ]);
    }
    const ministry = await signIn(a, 'mofcom-officer');
    await ministry.trpc.measure.import.mutate({
      format: 'csv',
      content: measureCsv(['M-3-02,facilitation,推进服务贸易数字化,,,guangzhou,false,active,false']),
    });
    // ten processes start on a small machine
  }, 1_800_000);
  afterAll(async () => {
    await recorder?.stop();
    await b?.stop();
    await a?.close();
  });

  /** A call as `user` through instance `side` (0: A, 1: B). */
  const call = (side: number, user: string, path: string, type: 'query' | 'mutation', input: unknown) =>
    trpcCall(gateways[side] as TestStack, tokens.get(user)?.[side], path, type, input);

  const data = <T>(answer: HttpAnswer): T => {
    if (answer.status !== 200) throw new Error(`${answer.status} ${answer.text}`);
    return trpcData<T>(answer) as T;
  };

  /** How many events of `type` the aggregate has on its topic, once they arrived and the recorder caught up. */
  async function exactly(type: string, aggregateId: string, expected: number): Promise<number> {
    const of = () => recorder.ofType(type, (e) => e.envelope?.aggregateId === aggregateId);
    await eventually(() => of().length >= expected, {
      description: `${expected} × ${type} of ${aggregateId}`,
      timeoutMs: settleMs,
    });
    await recorder.waitUntilCaughtUp();
    return of().length;
  }

  /** A conflict is a 409 naming itself in both languages. */
  const expectConflict = (answer: HttpAnswer) => {
    expect(answer.status).toBe(409);
    expectBilingualError(trpcError(answer)?.data);
  };

  /**
   * `writers` concurrent editors alternating between the instances, each saving once on the
   * version it read (re-reading after a conflict): every save answered 200 made its own version.
   */
  async function concurrentSaves(
    user: string,
    read: (side: number) => Promise<{ version: number }>,
    save: (side: number, version: number, writer: number) => Promise<HttpAnswer>,
    writers: number,
  ) {
    const wins: { writer: number; version: number }[] = [];
    let conflicts = 0;
    await Promise.all(
      Array.from({ length: writers }, async (_, writer) => {
        const side = writer % 2;
        for (let attempt = 0; attempt < 20; attempt += 1) {
          const { version } = await read(side);
          const answer = await save(side, version, writer);
          if (answer.status === 200) {
            wins.push({
              writer,
              version: (trpcData<{ version: number }>(answer) as { version: number }).version,
            });
            return;
          }
          expectConflict(answer);
          conflicts += 1;
        }
        throw new Error(`${user}'s writer ${writer} never got a save in`);
      }),
    );
    return { wins, conflicts };
  }

  let planId: string;

  it('plans: concurrent saves through both instances each keep their own version and audit line', async () => {
    const created = data<{ id: string; version: number }>(
      await call(0, 'guangdong-province', 'plan.create', 'mutation', {
        pilotAreaId: 'guangzhou',
        title: { 'zh-CN': '广州市实施方案', en: 'Guangzhou plan' },
        period: { start: '2026-01-01', end: '2028-12-31' },
        tasks: [sampleTask],
      }),
    );
    planId = created.id;
    const writers = 8;
    const { wins, conflicts } = await concurrentSaves(
      'guangdong-province',
      async (side) => data(await call(side, 'guangdong-province', 'plan.get', 'query', { planId })),
      (side, version, writer) =>
        call(side, 'guangdong-province', 'plan.save', 'mutation', {
          planId,
          version,
          title: { 'zh-CN': `广州市实施方案（第${writer}稿）`, en: `draft ${writer}` },
        }),
      writers,
    );
    expect(conflicts).toBeGreaterThan(0);
    expect(new Set(wins.map((w) => w.version)).size).toBe(writers);
    const plan = data<{ version: number; title: { en: string } }>(
      await call(1, 'guangdong-province', 'plan.get', 'query', { planId }),
    );
    expect(plan.version).toBe(1 + writers);
    const last = wins.find((w) => w.version === plan.version);
    expect(plan.title.en).toBe(`draft ${last?.writer}`);
    const audit = data<{
      total: number;
      entries: { version: number; changes: { field: string; after: unknown }[] }[];
    }>(await call(0, 'guangdong-province', 'plan.audit', 'query', { planId, offset: 0, limit: 100 }));
    expect(audit.total).toBe(plan.version);
    for (const win of wins) {
      const line = audit.entries.find((e) => e.version === win.version);
      expect(line?.changes.find((c) => c.field === 'title')?.after).toMatchObject({
        en: `draft ${win.writer}`,
      });
    }
  });

  it('plans: concurrent sign-offs through both instances: one per version, each with its plan.signed event', async () => {
    const signers = ['guangzhou-officer', 'guangdong-province'];
    const answers = await Promise.all(
      signers.map(async (user, side) => {
        const outcomes: HttpAnswer[] = [];
        for (let attempt = 0; attempt < 10; attempt += 1) {
          const plan = data<{ version: number }>(await call(side, user, 'plan.get', 'query', { planId }));
          const answer = await call(side, user, 'plan.sign', 'mutation', { planId, version: plan.version });
          outcomes.push(answer);
          if (answer.status === 200) break;
          expectConflict(answer);
        }
        return outcomes;
      }),
    );
    const signed = answers.flat().filter((x) => x.status === 200);
    expect(signed).toHaveLength(2);
    const plan = data<{ version: number; missingSignOffs: string[] }>(
      await call(0, 'guangdong-province', 'plan.get', 'query', { planId }),
    );
    expect(plan.missingSignOffs).toEqual([]);
    expect(await exactly('plan.signed.v1', planId, 2)).toBe(2);
  });

  it('approvals: the same decision sent through both instances at once is made once; the plan and supervision follow', async () => {
    const plan = data<{ version: number }>(
      await call(0, 'guangdong-province', 'plan.get', 'query', { planId }),
    );
    data(await call(1, 'guangdong-province', 'plan.submit', 'mutation', { planId, version: plan.version }));
    const opened = await eventually(
      async () => {
        const open = data<{ id: string; subject: { id: string } }[]>(
          await call(0, 'mofcom-officer', 'case.listOpen', 'query', {}),
        );
        return open.find((c) => c.subject.id === planId);
      },
      { description: 'the ministry sees the case', timeoutMs: settleMs },
    );
    // the inbox lists no version: the decision is conditional on the case's own
    const { version } = data<{ version: number }>(
      await call(1, 'mofcom-officer', 'case.get', 'query', { caseId: opened.id }),
    );
    const decisions = await Promise.all(
      [0, 1].map((side) =>
        call(side, 'mofcom-officer', 'case.decide', 'mutation', {
          caseId: opened.id,
          decision: 'approve',
          version,
        }),
      ),
    );
    expect(decisions.filter((d) => d.status === 200)).toHaveLength(1);
    expectConflict(decisions.find((d) => d.status !== 200) as HttpAnswer);

    expect(await exactly('approval.case_completed.v1', opened.id, 1)).toBe(1);
    expect(
      recorder.ofType('approval.step_decided.v1', (e) => e.envelope?.aggregateId === opened.id),
    ).toHaveLength(1);
    expect(recorder.ofType('plan.submitted.v1', (e) => e.envelope?.aggregateId === planId)).toHaveLength(1);
    expect(
      recorder.ofType('approval.case_opened.v1', (e) => e.envelope?.aggregateId === opened.id),
    ).toHaveLength(1);
    for (const side of [0, 1]) {
      await eventually(
        async () =>
          data<{ status: string }>(await call(side, 'guangdong-province', 'plan.get', 'query', { planId }))
            .status === 'approved',
        { description: `the plan reads approved through instance ${side}`, timeoutMs: settleMs },
      );
      const inForce = await eventually(
        async () => {
          const answer = await call(side, 'guangzhou-officer', 'supervisedPlan.get', 'query', {
            pilotAreaId: 'guangzhou',
          });
          return answer.status === 200 && trpcData<{ inForce: { tasks: unknown[] } }>(answer)?.inForce;
        },
        { description: `the plan is in force for supervision through instance ${side}`, timeoutMs: settleMs },
      );
      expect(inForce.tasks).toHaveLength(1);
    }
  });

  it('practices: concurrent saves through both instances each keep their own version and audit line; one submission', async () => {
    const created = data<{ id: string; version: number }>(
      await call(1, 'guangzhou-officer', 'practice.create', 'mutation', {
        title: { 'zh-CN': '跨境数据流动试点', en: 'Cross-border data pilot' },
        // all a submission needs, so the two submissions race on the version alone
        taskGroupId: 'opening-up',
        practice: '建立数据出境安全评估绿色通道。',
        replicationConditions: '具备数据出境安全评估能力的地区。',
        contactUnit: { name: '广州市商务局', phone: null, email: null },
      }),
    );
    const practiceId = created.id;
    const writers = 6;
    const { wins, conflicts } = await concurrentSaves(
      'guangzhou-officer',
      async (side) => data(await call(side, 'guangzhou-officer', 'practice.get', 'query', { practiceId })),
      (side, version, writer) =>
        call(side, 'guangzhou-officer', 'practice.save', 'mutation', {
          practiceId,
          version,
          results: `第${writer}稿 / draft ${writer}`,
        }),
      writers,
    );
    expect(conflicts).toBeGreaterThan(0);
    expect(new Set(wins.map((w) => w.version)).size).toBe(writers);
    const audit = data<{ version: number }[]>(
      await call(0, 'guangzhou-officer', 'practice.audit', 'query', { practiceId }),
    );
    expect(audit.map((l) => l.version)).toEqual(Array.from({ length: writers + 1 }, (_, i) => i + 1));

    const practice = data<{ version: number }>(
      await call(0, 'guangzhou-officer', 'practice.get', 'query', { practiceId }),
    );
    expect(practice.version).toBe(1 + writers);
    const submissions = await Promise.all(
      [0, 1].map((side) =>
        call(side, 'guangzhou-officer', 'practice.submit', 'mutation', {
          practiceId,
          version: practice.version,
        }),
      ),
    );
    expect(submissions.filter((s) => s.status === 200)).toHaveLength(1);
    expectConflict(submissions.find((s) => s.status !== 200) as HttpAnswer);
    expect(await exactly('practice.submitted.v1', practiceId, 1)).toBe(1);
  });
});
