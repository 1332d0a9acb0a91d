import { DemoGateway as Gateway, type DemoGatewayOptions } from './demo-gateway';

/**
 * The demo library `npm start` shows: batch 1 of a handful of illustrative cases (flagged as
 * such, like the sample measures catalog) and a few adoptions, made through the gateway with the
 * demo users and the real flow (area drafts and submits, province recommends and the ministry
 * approves in the approvals engine, the ministry publishes, other provinces declare adoption).
 */
export type DemoLibraryOptions = DemoGatewayOptions;

export type DemoLibraryResult =
  | { seeded: true; batchId: string; practices: number; adoptions: number }
  | { seeded: false; reason: string };

interface DemoCase {
  area: string;
  province: string;
  theme: 'opening' | 'facilitation' | 'models';
  title: { 'zh-CN': string; en: string };
  taskGroupId: string;
  measureIds: string[];
  practice: string;
  results: string;
  figures: { label: string; value: number; unit: string }[];
  replicationConditions: string;
  tags: string[];
  contactUnit: string;
}

const note = '（示例案例，仅供演示）';

export const demoCases: DemoCase[] = [
  {
    area: 'guangzhou',
    province: 'guangdong',
    theme: 'opening',
    title: { 'zh-CN': '跨境数据流动白名单制度', en: 'A whitelist for cross-border data flows' },
    taskGroupId: 'opening-up',
    measureIds: ['M-2-01'],
    practice: `对常见跨境数据出境场景制定白名单，企业一次申报、全年有效。${note}`,
    results: '企业数据出境申报时间缩短约七成。',
    figures: [{ label: '申报时间缩短', value: 70, unit: '%' }],
    replicationConditions: '具备数据出境安全评估能力的地区。',
    tags: ['跨境数据', '数字贸易'],
    contactUnit: '广州市商务局',
  },
  {
    area: 'hangzhou',
    province: 'zhejiang',
    theme: 'models',
    title: { 'zh-CN': '数字贸易综合服务平台', en: 'A one-stop digital trade service platform' },
    taskGroupId: 'development-models',
    measureIds: ['M-4-01'],
    practice: `整合通关、结算、知识产权等服务，数字贸易企业在一个平台办理。${note}`,
    results: '平台服务企业数量一年翻番。',
    figures: [{ label: '服务企业', value: 1200, unit: '家' }],
    replicationConditions: '数字贸易企业较为集聚的地区。',
    tags: ['数字贸易'],
    contactUnit: '杭州市商务局',
  },
  {
    area: 'chengdu',
    province: 'sichuan',
    theme: 'facilitation',
    title: { 'zh-CN': '服务外包人才跨境执业便利', en: 'Easier cross-border practice for outsourcing talent' },
    taskGroupId: 'facilitation',
    measureIds: ['M-3-01'],
    practice: `对境外专业人才执业资格实行清单管理，备案即可执业。${note}`,
    results: '引进境外专业人才办理时间由 20 个工作日缩短至 5 个。',
    figures: [{ label: '办理时间', value: 5, unit: '工作日' }],
    replicationConditions: '服务外包产业基础较好的地区。',
    tags: ['人才', '服务外包'],
    contactUnit: '成都市商务局',
  },
  {
    area: 'wuhan',
    province: 'hubei',
    theme: 'facilitation',
    title: { 'zh-CN': '技术贸易“一站式”登记', en: 'One-stop registration of technology trade' },
    taskGroupId: 'facilitation',
    measureIds: ['M-3-02'],
    practice: `技术进出口合同登记、外汇支付、税务备案一窗受理。${note}`,
    results: '技术进出口合同登记当日办结。',
    figures: [{ label: '办结时间', value: 1, unit: '天' }],
    replicationConditions: '技术贸易规模较大的地区。',
    tags: ['技术贸易'],
    contactUnit: '武汉市商务局',
  },
  {
    area: 'xiamen',
    province: 'fujian',
    theme: 'opening',
    title: { 'zh-CN': '两岸跨境服务贸易合作机制', en: 'Cross-strait services trade cooperation' },
    taskGroupId: 'opening-up',
    measureIds: ['M-2-02'],
    practice: `在会计、建筑设计等领域开展两岸跨境服务合作试点。${note}`,
    results: '合作项目三十余个。',
    figures: [{ label: '合作项目', value: 32, unit: '个' }],
    replicationConditions: '对外合作渠道较多的沿海地区。',
    tags: ['跨境服务'],
    contactUnit: '厦门市商务局',
  },
];

const themes = {
  opening: { 'zh-CN': '扩大开放', en: 'Opening up' },
  facilitation: { 'zh-CN': '便利化', en: 'Facilitation' },
  models: { 'zh-CN': '发展模式', en: 'Development models' },
} as const;

/** which demo case is replicated where, and how far */
const demoAdoptions = [
  { user: 'qingdao-officer', case: 0, localUnit: '青岛市商务局', status: 'adopted', planTaskId: 'qd-t3' },
  { user: 'nanjing-officer', case: 0, localUnit: '南京市商务局', status: 'in-progress', planTaskId: 'nj-t5' },
  { user: 'kunming-officer', case: 2, localUnit: '昆明市商务局', status: 'planned', planTaskId: null },
] as const;

const ministry = 'mofcom-officer';

interface InboxItem {
  caseId: string;
  version: number;
  subject: { id: string };
}

/** A demo case drafted, submitted, recommended by its province and approved by the ministry. */
async function recommend(gateway: Gateway, c: DemoCase): Promise<string> {
  const areaUser = `${c.area}-officer`;
  const { area: _a, province: _p, theme: _t, contactUnit, ...content } = c;
  const draft = await gateway.mutate<{ id: string; version: number }>(areaUser, 'practice.create', {
    ...content,
    contactUnit: { name: contactUnit, phone: null, email: null },
  });
  await gateway.mutate(areaUser, 'practice.submit', { practiceId: draft.id, version: draft.version });
  for (const decider of [`${c.province}-province`, ministry]) {
    const item = await gateway.until(`the case of ${c.title.en} at ${decider}`, async () =>
      (
        await gateway.query<{ items: InboxItem[] }>(decider, 'case.inbox', { caseTypes: ['practice'] })
      ).items.find((i) => i.subject.id === draft.id),
    );
    await gateway.mutate(decider, 'case.decide', {
      caseId: item.caseId,
      decision: 'approve',
      version: item.version,
    });
  }
  await gateway.until(`${c.title.en} in the recommended pool`, async () =>
    (await gateway.query<{ id: string }[]>(ministry, 'practice.recommendedPool')).some(
      (p) => p.id === draft.id,
    )
      ? true
      : undefined,
  );
  return draft.id;
}

/**
 * Seeds the demo library into a platform that has no batch yet; a platform with any batch
 * (seeded before, or with real batches) is left alone.
 */
export async function seedDemoLibrary(options: DemoLibraryOptions): Promise<DemoLibraryResult> {
  const gateway = new Gateway(options);
  const batches = await gateway.query<unknown[]>(ministry, 'batch.list');
  if (batches.length > 0) return { seeded: false, reason: 'the library already has batches' };

  const ids = await Promise.all(demoCases.map((c) => recommend(gateway, c)));
  const batch = await gateway.mutate<{ id: string; version: number }>(ministry, 'batch.create', {
    number: 1,
    title: {
      'zh-CN': '服务贸易创新发展试点最佳实践案例（第一批，示例）',
      en: 'Exemplary practices of the services trade pilot, batch 1 (illustrative)',
    },
    releaseDate: '2026-07-01',
    illustrative: true,
    themes: (Object.keys(themes) as (keyof typeof themes)[]).map((theme) => ({
      name: themes[theme],
      practiceIds: ids.filter((_, i) => demoCases[i]?.theme === theme),
    })),
  });
  await gateway.mutate(ministry, 'batch.publish', { batchId: batch.id, version: batch.version });

  for (const a of demoAdoptions) {
    let adoption = await gateway.mutate<{ id: string; version: number }>(a.user, 'adoption.declare', {
      practiceId: ids[a.case],
      localUnit: a.localUnit,
      date: '2026-08-01',
    });
    const steps =
      a.status === 'adopted' ? ['in-progress', 'adopted'] : a.status === 'in-progress' ? ['in-progress'] : [];
    for (const status of steps)
      adoption = await gateway.mutate(a.user, 'adoption.advance', {
        adoptionId: adoption.id,
        version: adoption.version,
        status,
        date: status === 'adopted' ? '2026-10-15' : '2026-09-01',
        ...(a.planTaskId ? { planId: `${a.user}-plan`, planTaskId: a.planTaskId } : {}),
      });
  }
  return { seeded: true, batchId: batch.id, practices: ids.length, adoptions: demoAdoptions.length };
}
