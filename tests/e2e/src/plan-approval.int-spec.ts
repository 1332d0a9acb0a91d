import { TRPCClientError } from '@trpc/client';
import { ancestry, eventually, startTestStack, waitForTrace, type TestStack } from '@tradepilot/test-stack';
import { MongoClient } from 'mongodb';
import { sampleTask, signIn, type GatewayClient } from './test/gateway-client';
import { measureCsv } from './test/measure-csv';
import { signedDraft } from './test/plan-drafting';

describe('a province submits an implementation plan and the ministry approves it', () => {
  let stack: TestStack;
  let province: GatewayClient;
  let ministry: GatewayClient;

  beforeAll(async () => {
    stack = await startTestStack({ apps: ['plans', 'approvals', 'gateway'] });
    province = await signIn(stack, 'guangdong-province');
    ministry = await signIn(stack, 'mofcom-officer');
    // the measure the sample task maps to, applicable to Guangzhou
    await ministry.trpc.measure.import.mutate({
      format: 'csv',
      content: measureCsv(['M-3-02,facilitation,推进服务贸易数字化,,,guangzhou,false,active,false']),
    });
  });
  afterAll(() => stack?.close());

  let planId: string;
  let submitTraceId: string;

  it('goes from draft to approved through the gateway, across plans and approvals', async () => {
    const draft = await signedDraft(stack, province, {
      pilotAreaId: 'guangzhou',
      title: { 'zh-CN': '广州市服务贸易创新发展试点实施方案', en: 'Guangzhou implementation plan' },
      tasks: [sampleTask],
    });
    planId = draft.id;
    expect(draft).toMatchObject({ status: 'drafting', missingSignOffs: [] });

    const submitted = await province.trpc.plan.submit.mutate({ planId, version: draft.version });
    submitTraceId = province.traceIds.at(-1) as string;
    expect(submitted).toMatchObject({ status: 'submitted', submission: 1 });

    const opened = await eventually(
      async () => (await ministry.trpc.case.listOpen.query({})).find((c) => c.subject.id === planId),
      { description: 'the ministry sees the case' },
    );
    expect(opened).toMatchObject({ tenant: 'guangdong', caseType: 'plan', subject: { version: 1 } });

    const decided = await ministry.trpc.case.decide.mutate({
      caseId: opened.id,
      decision: 'approve',
      version: 1,
    });
    expect(decided.status).toBe('approved');

    const approved = await eventually(
      async () => {
        const plan = await province.trpc.plan.get.query({ planId });
        return plan.status === 'approved' && plan;
      },
      { description: 'the plan reads approved', timeoutMs: 10_000 },
    );
    expect(approved.approvedAt).not.toBeNull();
  });

  it('every gateway response names its trace', () => {
    expect(province.traceIds.length).toBeGreaterThanOrEqual(3);
    for (const id of [...province.traceIds, ...ministry.traceIds]) expect(id).toMatch(/^[0-9a-f]{32}$/);
  });

  it('records the submission as one trace: gateway → plans → Kafka publish → approvals consumer', async () => {
    const spans = await waitForTrace(submitTraceId, (all) =>
      all.some((s) => s.service === 'approvals' && s.operationName.startsWith('process ')),
    );
    const consumerSpan = spans.find(
      (s) => s.service === 'approvals' && s.operationName.startsWith('process '),
    );
    const chain = ancestry(spans, consumerSpan as (typeof spans)[number]);
    const services = chain.map((s) => s.service);
    // parent/child all the way up: the consumer's ancestors are the publish, plans and the gateway
    expect(chain.at(-1)?.service).toBe('gateway');
    expect(services).toEqual(expect.arrayContaining(['approvals', 'plans', 'gateway']));
    expect(chain.some((s) => s.service === 'plans' && s.operationName.startsWith('send '))).toBe(true);
    expect(spans.some((s) => s.tags['tradepilot.tenant'] === 'guangdong')).toBe(true);
    expect(spans.some((s) => s.tags['tradepilot.actor.role'] === 'province-officer')).toBe(true);
  });

  it('another province gets NOT_FOUND for the plan, which lives in plans_guangdong only', async () => {
    const hainan = await signIn(stack, 'hainan-officer');
    const error = await hainan.trpc.plan.get.query({ planId }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<never>).data).toMatchObject({
      code: 'NOT_FOUND',
      appCode: 'PLAN_NOT_FOUND',
    });
    expect(JSON.stringify((error as TRPCClientError<never>).data)).not.toContain('广州市服务贸易');

    const client = await MongoClient.connect(stack.mongoUrl, { directConnection: true });
    try {
      const { databases } = await client.db('admin').admin().listDatabases({ nameOnly: true });
      const holding: string[] = [];
      for (const { name } of databases.filter((d) => d.name.startsWith(stack.databasePrefix))) {
        for (const collection of await client.db(name).listCollections().toArray()) {
          if (
            (await client
              .db(name)
              .collection(collection.name)
              .countDocuments({ _id: planId as never })) > 0
          ) {
            holding.push(`${name}.${collection.name}`);
          }
        }
      }
      expect(holding).toEqual([`${stack.databasePrefix}plans_guangdong.plans`]);
    } finally {
      await client.close();
    }
  });
});
