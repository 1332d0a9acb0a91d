import type { PlanSummary } from '@tradepilot/plans';
import { startTestStack, type TestStack } from '@tradepilot/test-stack';
import { TRPCClientError } from '@trpc/client';
import { MongoClient, type Collection, type Document } from 'mongodb';
import { randomUUID } from 'node:crypto';
import { devLogin, http } from './test/gateway-http';
import { sampleTask, signIn, type GatewayClient } from './test/gateway-client';
import { measureCsv } from './test/measure-csv';

const errorData = (e: unknown) => {
  expect(e).toBeInstanceOf(TRPCClientError);
  return (e as TRPCClientError<never>).data as unknown as Record<string, unknown>;
};

const currentStatuses = ['drafting', 'submitted', 'returned', 'approved', 'implementing'] as const;
const minuteMs = 60_000;

/** By the list's order: newest change first, then the greater id. */
const newestFirst = (a: Document, b: Document) =>
  (b['updatedAt'] as Date).getTime() - (a['updatedAt'] as Date).getTime() ||
  (String(b['_id']) < String(a['_id']) ? -1 : 1);

describe("the province's plan list: summaries, a page at a time", () => {
  let stack: TestStack;
  let province: GatewayClient;
  let shenzhen: GatewayClient;
  let mongo: MongoClient;
  /** the plan of Guangzhou created through the API (the others are copies of it, written to the store) */
  let planId: string;
  let plans: Collection<Document>;

  beforeAll(async () => {
    stack = await startTestStack({ apps: ['plans', 'gateway'] });
    const ministry = await signIn(stack, 'mofcom-officer');
    await ministry.trpc.measure.import.mutate({
      format: 'csv',
      content: measureCsv(['M-3-02,facilitation,推进服务贸易数字化,,,guangzhou;shenzhen,false,active,false']),
    });
    province = await signIn(stack, 'guangdong-province');
    shenzhen = await signIn(stack, 'shenzhen-officer');
    const plan = await province.trpc.plan.create.mutate({
      pilotAreaId: 'guangzhou',
      title: { 'zh-CN': '广州市实施方案', en: 'Guangzhou plan' },
      tasks: [sampleTask, { ...sampleTask, id: 't2' }],
    });
    planId = plan.id;
    await shenzhen.trpc.plan.create.mutate({
      pilotAreaId: 'shenzhen',
      title: { 'zh-CN': '深圳市实施方案', en: '' },
    });

    // 26 plans of earlier rounds as the service stores them: copies of the one above, by threes
    // changed in the same minute (ties the order breaks by id); three closed, the rest current
    mongo = await MongoClient.connect(stack.mongoUrl, { directConnection: true });
    plans = mongo.db(`${stack.databasePrefix}plans_guangdong`).collection<Document>('plans');
    const template = (await plans.findOne({ _id: planId as never })) as Document;
    const yesterday = Date.now() - 24 * 60 * minuteMs;
    await plans.insertMany(
      Array.from({ length: 26 }, (_, i) => {
        const pilotAreaId = i % 2 === 0 ? 'guangzhou' : 'shenzhen';
        const round = 2001 + Math.floor(i / 2);
        return {
          ...template,
          _id: randomUUID() as never,
          pilotAreaId,
          round,
          title: { 'zh-CN': `${pilotAreaId} ${round} 年实施方案`, en: `${pilotAreaId} plan ${round}` },
          status: i < 3 ? 'closed' : currentStatuses[i % currentStatuses.length],
          updatedAt: new Date(yesterday - Math.floor(i / 3) * minuteMs),
        };
      }),
    );
  });
  afterAll(async () => {
    await mongo?.close();
    await stack?.close();
  });

  const idsOf = (documents: Document[]) => documents.map((p) => String(p['_id']));
  /** every plan of the province as stored now, in the list's order */
  const stored = async () => (await plans.find({}).toArray()).sort(newestFirst);
  const current = async () => (await stored()).filter((p) => p['status'] !== 'closed');

  it('pages through 25 current plans ten at a time: no duplicate, no gap, the order kept when a plan is saved between pages', async () => {
    const expected = idsOf(await current());
    expect(expected).toHaveLength(25);
    const first = await province.trpc.plan.list.query({ limit: 10 });
    expect(first.items).toHaveLength(10);
    expect(first.nextCursor).toEqual(expect.any(String));
    expect(first.items.map((p) => p.id)).toContain(planId);

    // someone saves a plan of the first page: it moves to the front, the next pages stay as they were
    const plan = await province.trpc.plan.get.query({ planId });
    await province.trpc.plan.save.mutate({
      planId,
      version: plan.version,
      tasks: [sampleTask, { ...sampleTask, id: 't2' }, { ...sampleTask, id: 't3' }],
    });
    const second = await province.trpc.plan.list.query({ limit: 10, cursor: first.nextCursor as string });
    expect(second.items).toHaveLength(10);
    const third = await province.trpc.plan.list.query({ limit: 10, cursor: second.nextCursor as string });
    expect(third.items).toHaveLength(5);
    expect(third.nextCursor).toBeNull();
    expect([...first.items, ...second.items, ...third.items].map((p) => p.id)).toEqual(expected);

    // a fresh first page shows the saved plan first, with its new task count
    const again = await province.trpc.plan.list.query({ limit: 10 });
    expect(again.items[0]).toMatchObject({ id: planId, taskCount: 3, version: plan.version + 1 });
  });

  it('gives summaries: what the list shows and the task count, never the tasks or submission records', async () => {
    const { items } = await province.trpc.plan.list.query({ status: 'all', limit: 100 });
    expect(items).toHaveLength(28);
    for (const item of items) {
      expect(
        Object.keys(item).filter((k) =>
          ['tasks', 'submissions', 'signOffs', 'coverageExplanations'].includes(k),
        ),
      ).toEqual([]);
    }
    const copy = items.find((p) => p.round === 2001 && p.pilotAreaId === 'guangzhou') as PlanSummary;
    expect(copy).toMatchObject({
      status: 'closed',
      taskCount: 2,
      title: { 'zh-CN': 'guangzhou 2001 年实施方案', en: 'guangzhou plan 2001' },
      missingSignOffs: ['pilot-area', 'province'],
      readOnly: true,
      maySign: false,
      maySave: false,
      amending: false,
      inForce: null,
    });
    const ofShenzhen = items.find((p) => p.title['zh-CN'] === '深圳市实施方案');
    expect(ofShenzhen).toMatchObject({ status: 'drafting', taskCount: 0, maySign: true, readOnly: false });
    // the same answers as the plan itself gives
    const view = await province.trpc.plan.get.query({ planId });
    const summary = items.find((p) => p.id === planId) as PlanSummary;
    for (const field of Object.keys(summary).filter((k) => k in view))
      expect({ field, value: summary[field as keyof PlanSummary] }).toEqual({
        field,
        value: view[field as keyof typeof view],
      });
    expect(summary.taskCount).toBe(view.tasks.length);
  });

  it('gives a pilot-area officer the plans of their own area only, on every page', async () => {
    const ofShenzhen = idsOf((await current()).filter((p) => p['pilotAreaId'] === 'shenzhen'));
    expect(ofShenzhen.length).toBeGreaterThan(10);
    const seen: PlanSummary[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 5; page += 1) {
      const answer = await shenzhen.trpc.plan.list.query({ limit: 5, ...(cursor ? { cursor } : {}) });
      seen.push(...answer.items);
      if (!answer.nextCursor) break;
      cursor = answer.nextCursor;
    }
    expect(seen.map((p) => p.id)).toEqual(ofShenzhen);
    expect(await shenzhen.trpc.plan.list.query({ pilotAreaId: 'guangzhou' })).toEqual({
      items: [],
      nextCursor: null,
    });
    // the province may ask for one area
    const asked = await province.trpc.plan.list.query({ pilotAreaId: 'shenzhen', limit: 100 });
    expect(asked.items.map((p) => p.id)).toEqual(ofShenzhen);
  });

  it('filters by status: current plans unless asked, closed ones by name', async () => {
    const closed = await province.trpc.plan.list.query({ status: 'closed' });
    expect(closed.items.map((p) => p.id)).toEqual(
      idsOf((await stored()).filter((p) => p['status'] === 'closed')),
    );
    expect(closed.items).toHaveLength(3);
    const returned = await province.trpc.plan.list.query({ status: 'returned', limit: 100 });
    expect(returned.items.length).toBeGreaterThan(0);
    expect(new Set(returned.items.map((p) => p.status))).toEqual(new Set(['returned']));
    const byDefault = await province.trpc.plan.list.query({ limit: 100 });
    expect(byDefault.items.map((p) => p.status)).not.toContain('closed');
    expect(byDefault.items).toHaveLength(25);
  });

  it('refuses a bad cursor, limit or status naming the field in both languages', async () => {
    const tampered = Buffer.from(JSON.stringify([-1, 'not-a-plan'])).toString('base64url');
    const cases: [Record<string, unknown>, string][] = [
      [{ cursor: 'not a cursor' }, 'cursor'],
      [{ cursor: tampered }, 'cursor'],
      [{ limit: 0 }, 'limit'],
      [{ limit: 101 }, 'limit'],
      [{ limit: 2.5 }, 'limit'],
      [{ status: 'archived' }, 'status'],
    ];
    for (const [input, field] of cases) {
      const refused = await province.trpc.plan.list.query(input as never).catch((e: unknown) => e);
      const data = errorData(refused);
      expect({ input, data }).toMatchObject({
        input,
        data: { code: 'BAD_REQUEST', appCode: 'VALIDATION_FAILED', issues: [{ path: field }] },
      });
      const messages = data['messages'] as { 'zh-CN': string; en: string };
      expect(messages['zh-CN']).toContain(`${field}:`);
      expect(messages['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(messages.en).toContain(`${field}:`);
    }
    // REST takes the same input as a JSON body, and refuses it the same way
    const { accessToken: token } = await devLogin(stack, 'guangdong-province');
    const rest = await http(`${stack.gatewayUrl}/api/plan/list`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ limit: 0 }),
    });
    expect(rest.status).toBe(400);
    expect(rest.body).toMatchObject({ error: { appCode: 'VALIDATION_FAILED', issues: [{ path: 'limit' }] } });
    const page = await http(`${stack.gatewayUrl}/api/plan/list`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ limit: 2 }),
    });
    expect(page.body).toMatchObject({
      items: [expect.any(Object), expect.any(Object)],
      nextCursor: expect.any(String),
    });
  });
});
