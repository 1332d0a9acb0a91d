import { topics } from '@tradepilot/contracts';
import { EventRecorder, eventually, startTestStack, type TestStack } from '@tradepilot/test-stack';
import { MongoClient } from 'mongodb';
import { signIn, type GatewayClient } from './test/gateway-client';
import { signedDraft } from './test/plan-drafting';

describe('a process killed between the state change and the publish', () => {
  let stack: TestStack;
  let recorder: EventRecorder;
  let province: GatewayClient;

  beforeAll(async () => {
    // the relay is off, so the write lands and the publish does not happen before the kill
    stack = await startTestStack({
      apps: ['plans', 'approvals', 'gateway'],
      appEnv: { plans: { RELAY_ENABLED: 'false' } },
    });
    recorder = new EventRecorder(stack.topicPrefix, stack.kafkaBrokers);
    await recorder.start([topics.plan, topics.approvalCase]);
    province = await signIn(stack, 'guangdong-province');
  });
  afterAll(async () => {
    await recorder?.stop();
    await stack?.close();
  });

  it('publishes the event when the process restarts, once', async () => {
    const draft = await signedDraft(stack, province, {
      pilotAreaId: 'shenzhen',
      title: { 'zh-CN': '深圳方案', en: '' },
    });
    await province.trpc.plan.submit.mutate({ planId: draft.id, version: draft.version });

    const mongo = await MongoClient.connect(stack.mongoUrl, { directConnection: true });
    const outboxOf = async () =>
      ((
        await mongo
          .db(`${stack.databasePrefix}plans_guangdong`)
          .collection('plans')
          .findOne({ _id: draft.id as never })
      )?.['outbox'] ?? []) as { type: string }[];
    try {
      // drafted, signed twice, submitted: all waiting
      expect((await outboxOf()).map((e) => e.type)).toEqual([
        'plan.drafted.v1',
        'plan.signed.v1',
        'plan.signed.v1',
        'plan.submitted.v1',
      ]);
      await stack.app('plans').kill();
      expect(recorder.ofType('plan.submitted.v1', (e) => e.key === draft.id)).toEqual([]);

      stack.app('plans').setEnv({ RELAY_ENABLED: 'true' });
      await stack.app('plans').start();
      const published = await recorder.waitForEvent('plan.submitted.v1', (e) => e.key === draft.id, {
        timeoutMs: 20_000,
      });
      expect(published.envelope).toMatchObject({ tenant: 'guangdong', aggregateId: draft.id, sequence: 4 });
      await recorder.waitForEvent(
        'approval.case_opened.v1',
        (e) => (e.envelope?.data['subject'] as { id: string }).id === draft.id,
      );
      await eventually(async () => (await outboxOf()).length === 0, { description: 'the outbox drained' });
      expect(recorder.ofType('plan.submitted.v1', (e) => e.key === draft.id)).toHaveLength(1);
    } finally {
      await mongo.close();
    }
  });
});
