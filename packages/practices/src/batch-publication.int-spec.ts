import { eventually } from '@tradepilot/testing';
import { TRPCClientError } from '@trpc/client';
import ExcelJS from 'exceljs';
import { MongoClient } from 'mongodb';
import { randomUUID } from 'node:crypto';
import { PracticesHarness, principals } from './test/practices-harness';

jest.setTimeout(120_000);
const h = new PracticesHarness();
const ministry = () => h.client(principals.ministry);

const errorOf = async (call: Promise<unknown>) => {
  try {
    await call;
  } catch (err) {
    if (err instanceof TRPCClientError)
      return err.data as { appCode: string; messages: Record<string, string> };
    throw err;
  }
  throw new Error('expected a refusal');
};

const content = (n: number) => ({
  taskGroupId: 'opening-up',
  measureIds: ['M-2-01'],
  practice: `第${n}项做法：跨境数据流动白名单，企业一次申报。`,
  results: '审批时间缩短 70%。',
  figures: [],
  replicationConditions: '具备数据出境安全评估能力的地区。',
  tags: ['跨境数据'],
  contactUnit: { name: '广州市商务局', phone: null, email: null },
});

/** A practice through the real flow: drafted, submitted, recommended by the (published) decision. */
async function recommendedPractice(n: number): Promise<string> {
  const gz = h.client(principals.guangzhou);
  const draft = await gz.practice.create.mutate({
    title: { 'zh-CN': `案例${n}`, en: `Case ${n}` },
    ...content(n),
  });
  await gz.practice.submit.mutate({ practiceId: draft.id, version: draft.version });
  await h.decide('guangdong', {
    caseId: randomUUID(),
    subject: { service: 'practices', type: 'practice', id: draft.id, version: 1 },
    outcome: 'approved',
    reason: null,
  });
  await eventually(async () =>
    (await ministry().practice.recommendedPool.query({})).some((p) => p.id === draft.id),
  );
  return draft.id;
}

/** Pool entries written straight into practices_national: the input of the publication loop test. */
async function poolEntries(count: number): Promise<string[]> {
  const client = await MongoClient.connect(h.mongoUrl, { directConnection: true });
  try {
    const ids = Array.from({ length: count }, () => randomUUID());
    await client
      .db(`${h.databasePrefix}practices_national`)
      .collection('recommended_practices')
      .insertMany(
        ids.map((id, i) => ({
          _id: id as never,
          province: 'hainan',
          pilotAreaId: 'hainan',
          title: { 'zh-CN': `海南案例${i}`, en: `Hainan case ${i}` },
          coAuthors: [],
          ...content(i),
          attachments: [],
          submission: 1,
          caseId: randomUUID(),
          recommendedAt: new Date(),
          batchId: null,
        })),
      );
    return ids;
  } finally {
    await client.close();
  }
}

beforeAll(() => h.start(), 60_000);
afterAll(() => h.close(), 60_000);

describe('batches: composed from the pool, edited until published, published all at once', () => {
  let first: string;
  let second: string;
  let batchId: string;

  it('composes batch 1 by theme from recommended practices and refuses what is not in the pool', async () => {
    first = await recommendedPractice(1);
    second = await recommendedPractice(2);
    const batch = await ministry().batch.create.mutate({
      number: 1,
      title: { 'zh-CN': '服务贸易创新发展试点最佳实践案例（第一批）', en: 'Exemplary practices, batch 1' },
      releaseDate: '2026-07-01',
      themes: [{ name: { 'zh-CN': '扩大开放', en: 'Opening up' }, practiceIds: [first] }],
    });
    expect(batch).toMatchObject({
      number: 1,
      status: 'draft',
      publisher: '国务院服务贸易发展部际联席会议办公室',
    });
    batchId = batch.id;
    const saved = await ministry().batch.save.mutate({
      batchId,
      version: batch.version,
      themes: [
        { name: { 'zh-CN': '扩大开放', en: 'Opening up' }, practiceIds: [first] },
        { name: { 'zh-CN': '便利化', en: 'Facilitation' }, practiceIds: [second] },
      ],
    });
    expect(saved.themes).toHaveLength(2);
    const unknown = await errorOf(
      ministry().batch.save.mutate({
        batchId,
        version: saved.version,
        themes: [{ name: { 'zh-CN': '其他', en: '' }, practiceIds: [randomUUID()] }],
      }),
    );
    expect(unknown.appCode).toBe('PRACTICE_NOT_RECOMMENDED');
    const twice = await errorOf(
      ministry().batch.create.mutate({
        number: 2,
        title: { 'zh-CN': '第二批', en: '' },
        releaseDate: '2026-08-01',
        themes: [{ name: { 'zh-CN': '扩大开放', en: '' }, practiceIds: [first] }],
      }),
    );
    expect(twice.appCode).toBe('PRACTICE_IN_OTHER_BATCH');
    const sameNumber = await errorOf(
      ministry().batch.create.mutate({
        number: 1,
        title: { 'zh-CN': '重复', en: '' },
        releaseDate: '2026-08-01',
      }),
    );
    expect(sameNumber.appCode).toBe('BATCH_NUMBER_TAKEN');
    expect((await errorOf(h.client(principals.guangdong).batch.list.query())).appCode).toBe(
      'ROLE_NOT_ALLOWED',
    );
  });

  it('publishes: every province reads the cases, the province record turns published, events go out; no more edits', async () => {
    const before = await ministry().batch.get.query({ batchId });
    expect(await h.client(principals.hainan).library.list.query({})).toEqual([]);
    const published = await ministry().batch.publish.mutate({ batchId, version: before.version });
    expect(published).toMatchObject({ status: 'published', libraryVersion: 1 });

    const seen = await h.client(principals.hainan).library.list.query({});
    expect(seen.map((p) => p.id).sort()).toEqual([first, second].sort());
    expect(seen.find((p) => p.id === first)).toMatchObject({
      province: 'guangdong',
      batchNumber: 1,
      theme: { 'zh-CN': '扩大开放' },
    });
    expect((await h.client(principals.hainan).library.get.query({ practiceId: second })).theme['zh-CN']).toBe(
      '便利化',
    );

    // every instance's search index follows the library within 2 s
    const found = await eventually(
      async () => {
        const result = await h.client(principals.hainan).library.search.query({ text: '跨境' });
        return result.total === 2 && result;
      },
      { timeoutMs: 2000, description: 'the published cases in the search index' },
    );
    expect(found.facets.originProvince).toEqual([{ value: 'guangdong', count: 2 }]);
    expect(found.facets.batch).toEqual([{ value: '1', count: 2 }]);
    const byFacet = await h
      .client(principals.hainan)
      .library.search.query({ filters: { pilotArea: ['guangzhou'], taskGroup: ['opening-up'] } });
    expect(byFacet.hits.map((hit) => hit.practice.id).sort()).toEqual([first, second].sort());
    expect((await h.client(principals.hainan).library.search.query({ text: '跨越' })).total).toBe(0);

    const batchEvent = await h.recorder.waitForEvent(
      'batch.published.v1',
      (e) => e.envelope?.aggregateId === batchId,
    );
    expect(batchEvent.envelope?.data).toMatchObject({ number: 1, practiceCount: 2, libraryVersion: 1 });
    const practiceEvent = await h.recorder.waitForEvent(
      'practice.published.v1',
      (e) => (e.envelope?.data as { practiceId: string }).practiceId === first,
    );
    // what the supervision service's "practices published" indicator counts: area, province, round, date
    expect(practiceEvent.envelope?.data).toMatchObject({
      province: 'guangdong',
      pilotAreaId: 'guangzhou',
      batchNumber: 1,
      coAuthors: [],
      round: 2020,
    });
    await eventually(
      async () =>
        (await h.client(principals.guangzhou).practice.get.query({ practiceId: first })).status ===
        'published',
    );

    const edit = await errorOf(
      ministry().batch.save.mutate({ batchId, version: published.version, title: { 'zh-CN': '改', en: '' } }),
    );
    expect(edit.appCode).toBe('BATCH_PUBLISHED');
  });

  it('exports the batch as XLSX (a row per case) and as printable HTML in the official layout', async () => {
    const xlsx = await h.client(principals.hainan).library.exportBatch.query({ batchId });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(xlsx.content, 'base64') as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.name).toBe('第1批');
    expect(sheet?.rowCount).toBe(3);
    expect(sheet?.getRow(2).getCell(2).value).toBe('扩大开放');
    expect(sheet?.getRow(2).getCell(5).value).toBe('广州');
    const html = await h.client(principals.hainan).library.printBatch.query({ batchId });
    expect(html.content).toContain('国务院服务贸易发展部际联席会议办公室');
    expect(html.content).toContain('第一批');
    expect(html.content).toContain('一、扩大开放');
    expect(html.content).toContain('二、便利化');
    expect(html.content).toContain('@page');
  });

  it('a reader never sees part of a batch: reading in a loop while a 24-case batch is published', async () => {
    const ids = await poolEntries(24);
    const batch = await ministry().batch.create.mutate({
      number: 2,
      title: { 'zh-CN': '第二批', en: 'Batch 2' },
      releaseDate: '2026-09-01',
      themes: [
        { name: { 'zh-CN': '开放', en: '' }, practiceIds: ids.slice(0, 12) },
        { name: { 'zh-CN': '模式', en: '' }, practiceIds: ids.slice(12) },
      ],
    });
    const reader = h.client(principals.hainan);
    const counts: number[] = [];
    const searched: number[] = [];
    let publishing = true;
    const loop = (async () => {
      while (publishing || counts.length < 3) {
        counts.push((await reader.library.list.query({ batchId: batch.id })).length);
        // the search index too: it adds a publication's cases in one step
        searched.push((await reader.library.search.query({ filters: { batch: ['2'] }, limit: 1 })).total);
      }
    })();
    await ministry().batch.publish.mutate({ batchId: batch.id, version: batch.version });
    publishing = false;
    await loop;
    counts.push((await reader.library.list.query({ batchId: batch.id })).length);
    expect(counts.every((c) => c === 0 || c === 24)).toBe(true);
    expect(counts.at(-1)).toBe(24);
    expect(searched.every((c) => c === 0 || c === 24)).toBe(true);
    await eventually(
      async () => (await reader.library.search.query({ filters: { batch: ['2'] } })).total === 24,
      {
        timeoutMs: 2000,
        description: 'the batch in the search index',
      },
    );
    expect(await reader.library.version.query()).toMatchObject({ version: 2 });
  });
});
