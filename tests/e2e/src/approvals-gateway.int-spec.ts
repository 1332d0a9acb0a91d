import {
  planSubmittedV1,
  reportSubmittedV1,
  type EventData,
  type EventDefinition,
} from '@tradepilot/contracts';
import { createKafka, createProducer, TopicNames } from '@tradepilot/messaging';
import {
  eventually,
  infraConnection,
  startTestStack,
  testUserPassword,
  type TestStack,
} from '@tradepilot/test-stack';
import { TRPCClientError } from '@trpc/client';
import { MongoClient } from 'mongodb';
import { randomBytes, randomUUID, scrypt } from 'node:crypto';
import pino from 'pino';
import { sampleTask, signIn, type GatewayClient } from './test/gateway-client';
import { signedByBothParties, signedDraft } from './test/plan-drafting';

/**
 * The approval engine through the gateway: the apps as real processes on the real Kafka,
 * FerretDB and Jaeger; cases of types whose services do not exist yet are opened by publishing
 * their events. (Timers with a moved clock are proven in packages/approvals, in process.)
 */
describe('approvals through the gateway', () => {
  let stack: TestStack;
  let province: GatewayClient;
  let ministry: GatewayClient;
  let hainan: GatewayClient;
  const producer = createProducer(
    createKafka({
      brokers: infraConnection().kafkaBrokers,
      clientId: 'approvals-e2e',
      logger: pino({ level: 'silent' }),
    }),
  );

  /** Users the demo seed does not have (department liaisons, a colleague at the ministry). */
  async function addUser(username: string, roles: string[], organisationId: string) {
    const salt = randomBytes(16);
    const key = await new Promise<Buffer>((resolve, reject) =>
      scrypt(
        testUserPassword.normalize('NFKC'),
        salt,
        32,
        { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 },
        (err, k) => (err ? reject(err) : resolve(k)),
      ),
    );
    const client = await MongoClient.connect(stack.mongoUrl, { directConnection: true });
    try {
      await client
        .db(`${stack.databasePrefix}gateway_national`)
        .collection('users')
        .updateOne(
          { _id: username as never },
          {
            $setOnInsert: {
              displayName: username,
              passwordHash: [
                'scrypt',
                2 ** 15,
                8,
                1,
                salt.toString('base64url'),
                key.toString('base64url'),
              ].join('$'),
              tenant: null,
              roles,
              organisationId,
              disabled: false,
              createdAt: new Date(),
            },
          },
          { upsert: true },
        );
    } finally {
      await client.close();
    }
    return signIn(stack, username);
  }

  async function publish<D extends EventDefinition>(definition: D, data: EventData<D>, aggregateId: string) {
    const envelope = {
      id: randomUUID(),
      type: definition.type,
      tenant: 'guangdong',
      aggregateId,
      sequence: 1,
      occurredAt: new Date().toISOString(),
      actor: { userId: 'guangzhou-officer', role: 'pilot-area-officer', organisationId: 'guangzhou' },
      causationId: null,
      data,
    };
    await producer.send({
      topic: new TopicNames(stack.topicPrefix).physical(definition.topic),
      messages: [
        {
          key: aggregateId,
          value: JSON.stringify(definition.envelope.parse(envelope)),
          headers: { 'event-type': definition.type, tenant: 'guangdong' },
        },
      ],
    });
  }

  const openCaseOf = (subjectId: string, version = 1) =>
    eventually(
      async () =>
        (await ministry.trpc.case.listOpen.query({})).find(
          (c) => c.subject.id === subjectId && c.subject.version === version,
        ),
      {
        description: `the case of ${subjectId} v${version}`,
        timeoutMs: 20_000,
      },
    );

  const appCode = async (call: Promise<unknown>) => {
    const error = await call.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TRPCClientError);
    return (error as TRPCClientError<never>).data as unknown as { code: string; appCode: string };
  };

  beforeAll(async () => {
    stack = await startTestStack({ apps: ['plans', 'approvals', 'gateway'] });
    await producer.connect();
    [province, ministry, hainan] = await Promise.all([
      signIn(stack, 'guangdong-province'),
      signIn(stack, 'mofcom-officer'),
      signIn(stack, 'hainan-officer'),
    ]);
  });
  afterAll(async () => {
    await producer.disconnect();
    await stack?.close();
  });

  it('a plan returned with a reason is resubmitted as a linked case and approved; plans follows each decision', async () => {
    // no catalog is loaded in this stack: a plan without tasks has no measure to cover
    const draft = await signedDraft(stack, province, {
      pilotAreaId: 'guangzhou',
      title: { 'zh-CN': '广州市服务贸易创新发展试点实施方案', en: 'Guangzhou implementation plan' },
    });
    await province.trpc.plan.submit.mutate({ planId: draft.id, version: draft.version });
    const first = await openCaseOf(draft.id);
    const inbox = await ministry.trpc.case.inbox.query({ caseTypes: ['plan'] });
    expect(inbox.items.find((i) => i.caseId === first.id)).toMatchObject({
      mayApprove: true,
      mayReturn: true,
      mayReject: true,
      mayReturnToPrevious: false,
    });

    await ministry.trpc.case.decide.mutate({
      caseId: first.id,
      decision: 'return',
      reason: '请补充关键绩效指标',
      version: 1,
    });
    const returned = await eventually(
      async () => {
        const plan = await province.trpc.plan.get.query({ planId: draft.id });
        return plan.status === 'returned' && plan;
      },
      { description: 'plans marks the plan returned' },
    );
    expect(returned.returnReason).toBe('请补充关键绩效指标');

    const resigned = await signedByBothParties(stack, province, returned);
    await province.trpc.plan.submit.mutate({ planId: draft.id, version: resigned.version });
    const second = await openCaseOf(draft.id, 2);
    expect(second.previousCaseId).toBe(first.id);
    const decided = await ministry.trpc.case.decide.mutate({
      caseId: second.id,
      decision: 'approve',
      version: 1,
    });
    expect(decided).toMatchObject({ status: 'approved', previousCaseId: first.id });
    await eventually(
      async () => (await province.trpc.plan.get.query({ planId: draft.id })).status === 'approved',
      {
        description: 'plans marks the plan approved',
      },
    );

    // another province: NOT_FOUND for reading and acting, and the case is unchanged
    expect(await appCode(hainan.trpc.case.get.query({ caseId: second.id }))).toMatchObject({
      code: 'NOT_FOUND',
      appCode: 'CASE_NOT_FOUND',
    });
    expect(
      await appCode(hainan.trpc.case.decide.mutate({ caseId: first.id, decision: 'approve', version: 2 })),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect((await ministry.trpc.case.get.query({ caseId: second.id })).version).toBe(decided.version);
  });

  it('two departments are consulted in parallel; the ministry decides after both approved', async () => {
    const [culture, exchange] = await Promise.all([
      addUser('mct-liaison', ['department-liaison'], 'mct'),
      addUser('safe-liaison', ['department-liaison'], 'safe'),
    ]);
    const planId = randomUUID();
    await publish(
      planSubmittedV1,
      {
        planId,
        pilotAreaId: 'shenzhen',
        title: { 'zh-CN': '深圳市实施方案', en: 'Shenzhen plan' },
        submission: 1,
        submittedAt: new Date().toISOString(),
        tasks: [sampleTask],
        responsibleDepartments: ['mct', 'safe'],
      },
      planId,
    );
    const { id: caseId } = await openCaseOf(planId);
    expect(
      await appCode(ministry.trpc.case.decide.mutate({ caseId, decision: 'approve', version: 1 })),
    ).toMatchObject({ appCode: 'STEP_NOT_YET_ACTIVE' });
    await culture.trpc.case.decide.mutate({ caseId, decision: 'approve', version: 1 });
    expect((await ministry.trpc.case.get.query({ caseId })).mayApprove).toBe(false);
    const both = await exchange.trpc.case.decide.mutate({ caseId, decision: 'approve', version: 2 });
    expect(both).toMatchObject({ level: 2, lockedLevels: [1] });
    expect(await ministry.trpc.case.get.query({ caseId })).toMatchObject({
      mayApprove: true,
      mayReturnToPrevious: true,
    });
    const approved = await ministry.trpc.case.decide.mutate({ caseId, decision: 'approve', version: 3 });
    expect(approved).toMatchObject({ status: 'approved', lockedLevels: [1, 2] });
  });

  it('the province bulk-accepts progress reports, one failing on its own; a colleague acts for the ministry officer by delegation', async () => {
    const reports = [randomUUID(), randomUUID()];
    for (const reportId of reports) {
      await publish(
        reportSubmittedV1,
        {
          reportId,
          pilotAreaId: 'guangzhou',
          periodId: '2026-Q1',
          title: { 'zh-CN': '一季度进展报告', en: 'Q1 report' },
          submission: 1,
          submittedAt: new Date().toISOString(),
        },
        reportId,
      );
    }
    const items = await eventually(
      async () => {
        const page = await province.trpc.case.inbox.query({ caseTypes: ['report'] });
        return page.items.length === 2 && page.items;
      },
      { description: 'both reports in the province inbox' },
    );
    const report = await province.trpc.case.bulkDecide.mutate({
      decision: 'approve',
      items: [
        { caseId: items[0]?.caseId as string, version: 1 },
        { caseId: items[1]?.caseId as string, version: 9 },
      ],
    });
    expect(report.items.map((i) => [i.ok, i.error?.appCode ?? null])).toEqual([
      [true, null],
      [false, 'VERSION_CONFLICT'],
    ]);

    const deputy = await addUser('mofcom-deputy', ['department-liaison'], 'mofcom');
    const planId = randomUUID();
    await publish(
      planSubmittedV1,
      {
        planId,
        pilotAreaId: 'guangzhou',
        title: { 'zh-CN': '委托审批测试方案', en: 'Delegation test plan' },
        submission: 1,
        submittedAt: new Date().toISOString(),
        tasks: [sampleTask],
      },
      planId,
    );
    const { id: caseId } = await openCaseOf(planId);
    expect(await appCode(deputy.trpc.case.get.query({ caseId }))).toMatchObject({ code: 'NOT_FOUND' });
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    await ministry.trpc.delegation.set.mutate({
      delegateUserId: 'mofcom-deputy',
      from: today,
      until: today,
      reason: '出差',
    });
    const inDeputyInbox = (await deputy.trpc.case.inbox.query({ pageSize: 100 })).items.find(
      (i) => i.caseId === caseId,
    );
    expect(inDeputyInbox).toMatchObject({ mayApprove: true, actingForUserId: 'mofcom-officer' });
    const decided = await deputy.trpc.case.decide.mutate({ caseId, decision: 'approve', version: 1 });
    expect(decided.decisions.at(-1)).toMatchObject({
      decidedBy: 'mofcom-deputy',
      actingForUserId: 'mofcom-officer',
    });
  });

  it('a delegated administrative matter: the province registers and decides an application; statistics and the national summary show it', async () => {
    await ministry.trpc.matter.delegate.mutate({
      id: 'tech-export-licence',
      name: { 'zh-CN': '技术出口许可', en: 'Technology export licence' },
      legalBasis: '《技术进出口管理条例》',
      statutoryLimitDays: 20,
      decisionLevels: [
        {
          name: { 'zh-CN': '审核', en: 'Review' },
          steps: [{ name: { 'zh-CN': '审核', en: 'Review' }, role: 'province-officer', workingDays: null }],
        },
      ],
      provinces: ['guangdong'],
    });
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const application = await province.trpc.application.register.mutate({
      matterId: 'tech-export-licence',
      applicant: { name: '广州某科技有限公司' },
      receivedOn: today,
      documents: [{ title: '申请表' }],
    });
    const item = await eventually(
      async () =>
        (await province.trpc.case.inbox.query({ caseTypes: ['admin-matter'] })).items.find(
          (i) => i.subject.id === application.id,
        ),
      { description: 'the admin-matter case in the province inbox' },
    );
    // the pending application names its case from registration on
    expect(application.caseId).toBe(item.caseId);
    await province.trpc.case.decide.mutate({
      caseId: item.caseId,
      decision: 'approve',
      version: item.version,
    });
    const decided = await eventually(
      async () => {
        const stats = await ministry.trpc.matter.statistics.query({});
        return stats.national.find((m) => m.matterId === 'tech-export-licence' && m.decided === 1);
      },
      { description: 'the national statistics count the decision' },
    );
    expect(decided).toMatchObject({
      applications: 1,
      medianProcessingDays: 0,
      withinLimitShare: 1,
      overdueNow: 0,
    });
    const summary = await ministry.trpc.case.nationalSummary.query({});
    expect(
      summary.adminMatters.national.find((m) => m.matterId === 'tech-export-licence')?.name?.['zh-CN'],
    ).toBe('技术出口许可');
    expect(summary.openCases.byProvince.find((p) => p.tenant === 'guangdong')?.count).toBeGreaterThanOrEqual(
      1,
    );
    expect(await appCode(province.trpc.case.nationalSummary.query({}))).toMatchObject({ code: 'FORBIDDEN' });
  });
});
