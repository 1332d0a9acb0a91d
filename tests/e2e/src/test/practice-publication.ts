import { eventually } from '@tradepilot/test-stack';
import type { GatewayClient } from './gateway-client';

/** What a practice needs before it can be submitted (the title and texts come from the test). */
export const practiceContent = {
  taskGroupId: 'opening-up',
  measureIds: ['M-2-01'],
  figures: [{ label: '申报时间缩短', value: 70, unit: '%' }],
  replicationConditions: '具备数据出境安全评估能力的地区。',
  contactUnit: { name: '商务局', phone: null, email: null },
};

export interface PracticeDraft {
  title: { 'zh-CN': string; en: string };
  practice: string;
  results: string;
  tags: string[];
}

/**
 * The real flow through the gateway: the area drafts and submits, its province recommends and
 * the ministry approves the practice case in the approvals engine; the practice is then in the
 * ministry's pool. Returns its id.
 */
export async function recommendedPractice(
  area: GatewayClient,
  province: GatewayClient,
  ministry: GatewayClient,
  draft: PracticeDraft,
): Promise<string> {
  const created = await area.trpc.practice.create.mutate({ ...practiceContent, ...draft });
  await area.trpc.practice.submit.mutate({ practiceId: created.id, version: created.version });
  const caseAt = (who: GatewayClient) =>
    eventually(
      async () =>
        (await who.trpc.case.inbox.query({ caseTypes: ['practice'] })).items.find(
          (i) => i.subject.id === created.id,
        ),
      { description: `the practice case of ${created.id}`, timeoutMs: 30_000 },
    );
  for (const who of [province, ministry]) {
    const open = await caseAt(who);
    await who.trpc.case.decide.mutate({ caseId: open.caseId, decision: 'approve', version: open.version });
  }
  await eventually(
    async () => (await ministry.trpc.practice.recommendedPool.query({})).some((p) => p.id === created.id),
    { description: 'the recommended practice in the ministry pool', timeoutMs: 30_000 },
  );
  return created.id;
}

/** The ministry publishes the given pool entries as batch `number` (one theme). */
export async function publishBatch(ministry: GatewayClient, number: number, practiceIds: string[]) {
  const batch = await ministry.trpc.batch.create.mutate({
    number,
    title: { 'zh-CN': `最佳实践案例（第${number}批）`, en: `Exemplary practices, batch ${number}` },
    releaseDate: '2026-07-01',
    themes: [{ name: { 'zh-CN': '扩大开放', en: 'Opening up' }, practiceIds }],
  });
  return ministry.trpc.batch.publish.mutate({ batchId: batch.id, version: batch.version });
}
