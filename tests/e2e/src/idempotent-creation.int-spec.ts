import { startTestStack, type TestStack } from '@tradepilot/test-stack';
import { MongoClient } from 'mongodb';
import { randomUUID } from 'node:crypto';
import {
  devLogin,
  expectBilingualError,
  http,
  trpcCall,
  trpcData,
  trpcError,
  type HttpAnswer,
} from './test/gateway-http';

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const planInput = (pilotAreaId: string, title: string) => ({
  pilotAreaId,
  title: { 'zh-CN': title, en: title },
  tasks: [],
});

describe('retries never double an effect (R12): Idempotency-Key on plan.create and measure.create', () => {
  let stack: TestStack;
  let mongo: MongoClient;
  let jiangsu: string;
  let shandong: string;
  let ministry: string;
  let operator: string;

  beforeAll(async () => {
    // two apps per stack: a loaded machine starts three at once too slowly
    stack = await startTestStack({ apps: ['plans', 'gateway'] });
    mongo = await MongoClient.connect(stack.mongoUrl, { directConnection: true });
    [jiangsu, shandong, ministry, operator] = await Promise.all(
      ['jiangsu-province', 'shandong-province', 'mofcom-officer', 'operator'].map(
        async (u) => (await devLogin(stack, u)).accessToken,
      ),
    );
  });
  afterAll(async () => {
    await mongo?.close();
    await stack?.close();
  });

  const plansOf = (province: string, pilotAreaId: string) =>
    mongo.db(`${stack.databasePrefix}plans_${province}`).collection('plans').find({ pilotAreaId }).toArray();
  const rest = (token: string, path: string, body: unknown, key?: string) =>
    http(`${stack.gatewayUrl}/api${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        ...(key ? { 'idempotency-key': key } : {}),
      },
      body: JSON.stringify(body),
    });

  it('plan.create (tRPC): the same key, also sent concurrently, creates one plan and answers with it every time', async () => {
    const idempotencyKey = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        trpcCall(stack, jiangsu, 'plan.create', 'mutation', {
          ...planInput('nanjing', '南京方案'),
          idempotencyKey,
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    const ids = new Set(answers.map((a) => trpcData<{ id: string }>(a)?.id));
    expect(ids.size).toBe(1);
    const stored = await plansOf('jiangsu', 'nanjing');
    expect(stored).toHaveLength(1);
    // one effect, one event: the plan was written once, with one outbox entry in its life
    expect(stored[0]).toMatchObject({ _id: [...ids][0], version: 1, lastSequence: 1 });

    const again = await trpcCall(stack, jiangsu, 'plan.create', 'mutation', {
      ...planInput('nanjing', '南京方案'),
      idempotencyKey,
    });
    expect(trpcData(again)).toEqual(trpcData(answers[0] as HttpAnswer));
  });

  it('the same key with other input is a 409 with a bilingual message, and changes nothing', async () => {
    const idempotencyKey = randomUUID();
    const first = await trpcCall(stack, jiangsu, 'plan.create', 'mutation', {
      ...planInput('suzhou', '苏州方案'),
      idempotencyKey,
    });
    expect(first.status).toBe(200);
    const other = await trpcCall(stack, jiangsu, 'plan.create', 'mutation', {
      ...planInput('suzhou', '苏州方案（改）'),
      idempotencyKey,
    });
    expect(other.status).toBe(409);
    expect(trpcError(other)?.data).toMatchObject({ code: 'CONFLICT', appCode: 'IDEMPOTENCY_KEY_REUSED' });
    expectBilingualError(trpcError(other)?.data);
    expect(await plansOf('jiangsu', 'suzhou')).toHaveLength(1);
  });

  it('REST: the Idempotency-Key header is forwarded; a retry gets the first answer, other input a 409', async () => {
    const key = randomUUID();
    const body = planInput('qingdao', '青岛方案');
    const first = await rest(shandong, '/plan/create', body, key);
    expect(first.status).toBe(200);
    const retry = await rest(shandong, '/plan/create', body, key);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    expect(await plansOf('shandong', 'qingdao')).toHaveLength(1);

    const changed = await rest(shandong, '/plan/create', planInput('qingdao', '另一个'), key);
    expect(changed.status).toBe(409);
    expect((changed.body as { error: { appCode: string } }).error.appCode).toBe('IDEMPOTENCY_KEY_REUSED');
    expectBilingualError((changed.body as { error: unknown }).error);

    // a procedure that creates nothing takes no key
    const list = await http(`${stack.gatewayUrl}/api/plan/list`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${shandong}`,
        'idempotency-key': key,
        'content-type': 'application/json',
      },
      body: '{}',
    });
    expect(list.status).toBe(400);
    expect((list.body as { error: { appCode: string } }).error.appCode).toBe('IDEMPOTENCY_KEY_NOT_ACCEPTED');
  });

  it('measure.create (national): keys are per user; a retry by the same user creates nothing new', async () => {
    const idempotencyKey = randomUUID();
    const measure = (id: string) => ({
      id,
      taskGroupId: 'policy',
      text: { 'zh-CN': `措施 ${id}`, en: `Measure ${id}` },
      pilotAreas: ['nanjing'],
      idempotencyKey,
    });
    const first = await trpcCall(stack, ministry, 'measure.create', 'mutation', measure('I-1'));
    expect(first.status).toBe(200);
    const retry = await trpcCall(stack, ministry, 'measure.create', 'mutation', measure('I-1'));
    expect(trpcData(retry)).toEqual(trpcData(first));
    // the same key of another user is another key
    const operatorsOwn = await trpcCall(stack, operator, 'measure.create', 'mutation', measure('I-2'));
    expect(operatorsOwn.status).toBe(200);
    const reused = await trpcCall(stack, ministry, 'measure.create', 'mutation', measure('I-3'));
    expect(trpcError(reused)?.data).toMatchObject({ appCode: 'IDEMPOTENCY_KEY_REUSED' });
    // without a key, the same measure twice is refused as before
    const duplicate = await trpcCall(stack, ministry, 'measure.create', 'mutation', {
      ...measure('I-1'),
      idempotencyKey: undefined,
    });
    expect(duplicate.status).toBe(409);
    expect(trpcError(duplicate)?.data).not.toMatchObject({ appCode: 'IDEMPOTENCY_KEY_REUSED' });
  });
});

describe('retries never double an effect (R12): application.register', () => {
  let stack: TestStack;
  let mongo: MongoClient;
  let jiangsu: string;
  let ministry: string;

  beforeAll(async () => {
    stack = await startTestStack({ apps: ['approvals', 'gateway'] });
    mongo = await MongoClient.connect(stack.mongoUrl, { directConnection: true });
    [jiangsu, ministry] = await Promise.all(
      ['jiangsu-province', 'mofcom-officer'].map(async (u) => (await devLogin(stack, u)).accessToken),
    );
  });
  afterAll(async () => {
    await mongo?.close();
    await stack?.close();
  });

  it('application.register: concurrent retries register one application', async () => {
    await trpcCall(stack, ministry, 'matter.delegate', 'mutation', {
      id: 'idem-licence',
      name: { 'zh-CN': '技术出口许可', en: 'Technology export licence' },
      legalBasis: '《技术进出口管理条例》',
      statutoryLimitDays: 20,
      decisionLevels: [
        {
          name: { 'zh-CN': '审核', en: 'Review' },
          steps: [{ name: { 'zh-CN': '审核', en: 'Review' }, role: 'province-officer', workingDays: null }],
        },
      ],
      provinces: ['jiangsu'],
    });
    const idempotencyKey = randomUUID();
    const input = {
      matterId: 'idem-licence',
      applicant: { name: '南京某科技有限公司' },
      receivedOn: today(),
      documents: [{ title: '申请表' }],
      idempotencyKey,
    };
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => trpcCall(stack, jiangsu, 'application.register', 'mutation', input)),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(new Set(answers.map((a) => trpcData<{ id: string }>(a)?.id)).size).toBe(1);
    const stored = await mongo
      .db(`${stack.databasePrefix}approvals_jiangsu`)
      .collection('applications')
      .countDocuments({ matterId: 'idem-licence' });
    expect(stored).toBe(1);
  });
});

describe('retries never double an effect (R12): practice.create', () => {
  let stack: TestStack;
  let mongo: MongoClient;
  let nanjing: string;

  beforeAll(async () => {
    stack = await startTestStack({ apps: ['practices', 'gateway'] });
    mongo = await MongoClient.connect(stack.mongoUrl, { directConnection: true });
    nanjing = (await devLogin(stack, 'nanjing-officer')).accessToken;
  });
  afterAll(async () => {
    await mongo?.close();
    await stack?.close();
  });

  const practiceInput = (title: string, idempotencyKey: string) => ({
    title: { 'zh-CN': title, en: title },
    practice: '跨境数据流动便利化试点做法',
    idempotencyKey,
  });
  const drafts = () =>
    mongo.db(`${stack.databasePrefix}practices_jiangsu`).collection('practices').countDocuments({});

  it('concurrent retries create one draft; the same key with other input is a 409 and changes nothing', async () => {
    const key = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 4 }, () =>
        trpcCall(stack, nanjing, 'practice.create', 'mutation', practiceInput('数据跨境便利化', key)),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(new Set(answers.map((a) => trpcData<{ id: string }>(a)?.id)).size).toBe(1);
    expect(await drafts()).toBe(1);

    const other = await trpcCall(
      stack,
      nanjing,
      'practice.create',
      'mutation',
      practiceInput('另一个做法', key),
    );
    expect(other.status).toBe(409);
    expect(trpcError(other)?.data).toMatchObject({ code: 'CONFLICT', appCode: 'IDEMPOTENCY_KEY_REUSED' });
    expectBilingualError(trpcError(other)?.data);
    expect(await drafts()).toBe(1);
  });
});
