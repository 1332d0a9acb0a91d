import { eventually } from '@tradepilot/testing';
import { TRPCClientError } from '@trpc/client';
import { randomUUID } from 'node:crypto';
import { PracticesHarness, principals } from './test/practices-harness';

jest.setTimeout(120_000);
const h = new PracticesHarness();
const gz = () => h.client(principals.guangzhou);

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

const complete = {
  taskGroupId: 'opening-up',
  measureIds: ['M-2-01'],
  practice: '建立跨境数据流动“白名单”制度，企业一次申报、多部门互认。',
  results: '审批时间缩短 70%，服务企业 120 家。',
  figures: [{ label: '审批时间缩短', value: 70, unit: '%' }],
  replicationConditions: '具备数据出境安全评估能力的地区。',
  tags: ['跨境数据', '数字贸易'],
  contactUnit: { name: '广州市商务局', phone: '020-12345678', email: null },
};

async function uploadPdf(filename: string): Promise<string> {
  const form = new FormData();
  form.append(
    'file',
    new Blob([Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4000, 'x')])]),
    filename,
  );
  const response = await fetch(`${h.service?.url}/attachments`, {
    method: 'POST',
    headers: await h.token(principals.guangzhou),
    body: form,
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { attachment: { id: string } }).attachment.id;
}

beforeAll(() => h.start(), 60_000);
afterAll(() => h.close(), 60_000);

describe('practice records: drafting, submission, decisions by event, the recommended pool', () => {
  it('drafts with co-authors across provinces and an attachment, saves conditionally, and keeps an audit trail', async () => {
    const attachmentId = await uploadPdf('白名单制度.pdf');
    const created = await gz().practice.create.mutate({
      title: { 'zh-CN': '跨境数据流动白名单', en: 'Cross-border data whitelist' },
      coAuthors: ['xixian'],
      attachmentIds: [attachmentId],
    });
    expect(created).toMatchObject({
      status: 'draft',
      version: 1,
      province: 'guangdong',
      pilotAreaId: 'guangzhou',
      coAuthors: [{ pilotAreaId: 'xixian', province: 'shaanxi' }],
      attachments: [{ id: attachmentId, filename: '白名单制度.pdf', contentType: 'application/pdf' }],
    });
    const saved = await gz().practice.save.mutate({ practiceId: created.id, version: 1, ...complete });
    expect(saved).toMatchObject({ version: 2, taskGroupId: 'opening-up', figures: complete.figures });

    const stale = await errorOf(
      gz().practice.save.mutate({ practiceId: created.id, version: 1, tags: ['x'] }),
    );
    expect(stale.appCode).toBe('VERSION_CONFLICT');
    expect(stale.messages['zh-CN']).toContain('guangzhou-officer');
    expect((await gz().practice.get.query({ practiceId: created.id })).tags).toEqual(complete.tags);

    const audit = await gz().practice.audit.query({ practiceId: created.id });
    expect(audit.map((a) => [a.action, a.version])).toEqual([
      ['created', 1],
      ['saved', 2],
    ]);
    expect(audit[1]?.changes.map((c) => c.field)).toEqual(
      expect.arrayContaining(['taskGroupId', 'practice', 'tags']),
    );
  });

  it('refuses bad input with the field and the reason, changing nothing', async () => {
    const unknownArea = await errorOf(
      gz().practice.create.mutate({ title: { 'zh-CN': '案例', en: '' }, coAuthors: ['atlantis'] }),
    );
    expect(unknownArea).toMatchObject({ appCode: 'UNKNOWN_PILOT_AREA' });
    expect(unknownArea.messages['zh-CN']).toContain('coAuthors');
    const otherProvince = await errorOf(
      h
        .client(principals.guangdong)
        .practice.create.mutate({ pilotAreaId: 'xixian', title: { 'zh-CN': '案例', en: '' } }),
    );
    expect(otherProvince).toMatchObject({ appCode: 'PILOT_AREA_OUTSIDE_PROVINCE' });
    const foreignAttachment = await errorOf(
      gz().practice.create.mutate({ title: { 'zh-CN': '案例', en: '' }, attachmentIds: [randomUUID()] }),
    );
    expect(foreignAttachment).toMatchObject({ appCode: 'ATTACHMENTS_REFUSED' });
    expect(await gz().practice.list.query({})).toHaveLength(1);
  });

  it('submits only a complete practice; returned reopens it; approved puts it in the pool, once', async () => {
    const draft = await gz().practice.create.mutate({
      title: { 'zh-CN': '服务贸易单一窗口', en: 'Single window' },
    });
    const incomplete = await errorOf(gz().practice.submit.mutate({ practiceId: draft.id, version: 1 }));
    expect(incomplete.appCode).toBe('PRACTICE_INCOMPLETE');
    expect(incomplete.messages['zh-CN']).toContain('contactUnit');

    const ready = await gz().practice.save.mutate({ practiceId: draft.id, version: 1, ...complete });
    const submitted = await gz().practice.submit.mutate({ practiceId: draft.id, version: ready.version });
    expect(submitted).toMatchObject({ status: 'submitted', submission: 1 });
    const event = await h.recorder.waitForEvent(
      'practice.submitted.v1',
      (e) => e.envelope?.aggregateId === draft.id,
    );
    expect(event.envelope).toMatchObject({
      tenant: 'guangdong',
      data: { pilotAreaId: 'guangzhou', submission: 1 },
    });
    expect(
      await errorOf(
        gz().practice.save.mutate({ practiceId: draft.id, version: submitted.version, tags: [] }),
      ),
    ).toMatchObject({
      appCode: 'PRACTICE_NOT_EDITABLE',
    });

    const caseId = randomUUID();
    const subject = { service: 'practices', type: 'practice', id: draft.id, version: 1 };
    await h.decide('guangdong', { caseId, subject, outcome: 'returned', reason: '请补充推广条件' });
    const returned = await eventually(async () => {
      const p = await gz().practice.get.query({ practiceId: draft.id });
      return p.status === 'returned' && p;
    });
    expect(returned.returnReason).toBe('请补充推广条件');

    const edited = await gz().practice.save.mutate({
      practiceId: draft.id,
      version: returned.version,
      replicationConditions: '具备数据出境安全评估能力、设有国际数据港的地区。',
    });
    const again = await gz().practice.submit.mutate({ practiceId: draft.id, version: edited.version });
    expect(again.submission).toBe(2);
    // a late decision on the first submission changes nothing
    await h.decide('guangdong', { caseId, subject, outcome: 'approved', reason: null });
    const approval = await h.decide('guangdong', {
      caseId: randomUUID(),
      subject: { ...subject, version: 2 },
      outcome: 'approved',
      reason: null,
    });
    const recommended = await eventually(async () => {
      const p = await gz().practice.get.query({ practiceId: draft.id });
      return p.status === 'recommended' && p;
    });
    // the pool entry is written right after the practice's own change
    const pool = await eventually(async () => {
      const entries = await h.client(principals.ministry).practice.recommendedPool.query({});
      return entries.length > 0 && entries;
    });
    expect(pool).toEqual([
      expect.objectContaining({ id: draft.id, province: 'guangdong', submission: 2, batchId: null }),
    ]);

    await h.redeliver(approval);
    const trail = async () =>
      (await gz().practice.audit.query({ practiceId: draft.id })).map((a) => a.action);
    await eventually(async () => (await trail()).includes('recommended'));
    expect(await trail()).toEqual([
      'created',
      'saved',
      'submitted',
      'returned',
      'saved',
      'submitted',
      'recommended',
    ]);
    expect((await gz().practice.get.query({ practiceId: draft.id })).version).toBe(recommended.version);
  });

  it('keeps drafts in their province and area: other provinces and areas get NOT_FOUND, non-owners cannot edit', async () => {
    const [first] = await gz().practice.list.query({});
    const id = first?.id as string;
    expect((await errorOf(h.client(principals.hainan).practice.get.query({ practiceId: id }))).appCode).toBe(
      'PRACTICE_NOT_FOUND',
    );
    expect(
      (await errorOf(h.client(principals.shenzhen).practice.get.query({ practiceId: id }))).appCode,
    ).toBe('PRACTICE_NOT_FOUND');
    expect(await h.client(principals.hainan).practice.list.query({})).toEqual([]);
    const province = h.client(principals.guangdong);
    expect((await province.practice.get.query({ practiceId: id })).id).toBe(id);
    expect(
      (
        await errorOf(
          province.practice.save.mutate({ practiceId: id, version: first?.version ?? 1, tags: [] }),
        )
      ).appCode,
    ).toBe('NOT_OWN_PILOT_AREA');
    expect((await errorOf(h.client(principals.guangdong).practice.recommendedPool.query({}))).appCode).toBe(
      'ROLE_NOT_ALLOWED',
    );
  });
});
