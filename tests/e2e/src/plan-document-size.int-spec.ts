import { patientDeadlines, startTestStack, type TestStack } from '@tradepilot/test-stack';
import { BSON, MongoClient } from 'mongodb';
import { sampleTask, signIn, type GatewayClient } from './test/gateway-client';
import { measureCsv } from './test/measure-csv';

/** A full task set: 40 tasks with long descriptions, milestones and indicators (~35 KB). */
const taskSet = (variant: string) =>
  Array.from({ length: 40 }, (_, i) => ({
    ...sampleTask,
    id: `t${i}`,
    description: `${variant}：推进服务贸易数字化第${i}项任务，`.padEnd(400, '完善制度'),
    milestones: [
      { title: `${variant} 出台方案 ${i}`, due: '2026-06-30' },
      { title: `${variant} 评估成效 ${i}`, due: '2027-06-30' },
    ],
  }));

/** The bound: a plan's document holds its content, never its history. */
const sizeBoundBytes = 256 * 1024;

describe("a plan's document does not grow with its history", () => {
  let stack: TestStack;
  let province: GatewayClient;
  let mongo: MongoClient;

  beforeAll(async () => {
    stack = await startTestStack({
      apps: ['plans', 'gateway'],
      // this file is about the document's size, not latency
      env: patientDeadlines,
    });
    province = await signIn(stack, 'guangdong-province');
    const ministry = await signIn(stack, 'mofcom-officer');
    await ministry.trpc.measure.import.mutate({
      format: 'csv',
      content: measureCsv(['M-3-02,facilitation,推进服务贸易数字化,,,guangzhou,false,active,false']),
    });
    mongo = await MongoClient.connect(stack.mongoUrl, { directConnection: true });
  });
  afterAll(async () => {
    await mongo?.close();
    await stack?.close();
  });

  const documentSize = async (planId: string) => {
    const plans = mongo.db(`${stack.databasePrefix}plans_guangdong`).collection('plans');
    const plan = await plans.findOne({ _id: planId as never });
    return BSON.calculateObjectSize(plan as never);
  };

  // 50 saves of a full plan on FerretDB's SQLite take a minute or more on a busy machine
  it('50 saves alternating two full task sets keep the plan writable, its document under 256 KiB and its audit log whole', async () => {
    const sets = [taskSet('甲'), taskSet('乙')];
    let plan = await province.trpc.plan.create.mutate({
      pilotAreaId: 'guangzhou',
      title: { 'zh-CN': '广州市实施方案', en: 'Guangzhou plan' },
      period: { start: '2026-01-01', end: '2028-12-31' },
      tasks: sets[1],
    });
    const sizes: number[] = [];
    for (let save = 0; save < 50; save += 1) {
      plan = await province.trpc.plan.save.mutate({
        planId: plan.id,
        version: plan.version,
        tasks: sets[save % 2],
      });
      if (save === 1 || save === 49) sizes.push(await documentSize(plan.id));
    }
    expect(plan.version).toBe(51);
    const [early, late] = sizes as [number, number];
    expect(late).toBeLessThan(sizeBoundBytes);
    // the same content after 2 and after 50 saves: the same size, give or take the outbox's drain
    expect(late).toBeLessThan(early + 2048);

    const audit = await province.trpc.plan.audit.query({ planId: plan.id, offset: 0, limit: 100 });
    expect(audit.total).toBe(51);
    expect(audit.entries[0]).toMatchObject({ version: 51, action: 'saved' });
    expect(audit.entries.at(-1)).toMatchObject({ version: 1, action: 'created' });
    const oldest = await province.trpc.plan.audit.query({ planId: plan.id, offset: 50, limit: 10 });
    expect(oldest.entries.map((e) => e.version)).toEqual([1]);
  }, 400_000);
});
