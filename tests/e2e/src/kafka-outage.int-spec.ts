import { topics } from '@tradepilot/contracts';
import {
  EventRecorder,
  eventually,
  PrivateKafka,
  startTestStack,
  type TestStack,
} from '@tradepilot/test-stack';
import { MongoClient } from 'mongodb';
import { signIn, type GatewayClient } from './test/gateway-client';
import { signedDraft } from './test/plan-drafting';

describe('Kafka stopped while a province submits a plan', () => {
  let kafka: PrivateKafka;
  let stack: TestStack;
  let province: GatewayClient;
  let ministry: GatewayClient;

  beforeAll(async () => {
    // a broker of this file's own: stopping it leaves every other test file's broker alone
    kafka = await PrivateKafka.start();
    stack = await startTestStack({ apps: ['plans', 'approvals', 'gateway'], kafkaBrokers: kafka.brokers });
    province = await signIn(stack, 'guangdong-province');
    ministry = await signIn(stack, 'mofcom-officer');
  });
  afterAll(async () => {
    await stack?.close();
    kafka?.remove();
  });

  it('accepts the submission, and opens the case exactly once after the broker is back', async () => {
    const draft = await signedDraft(stack, province, {
      pilotAreaId: 'guangzhou',
      title: { 'zh-CN': '广州方案', en: '' },
    });

    kafka.stop();
    expect(await kafka.answering()).toBe(false);

    const submitted = await province.trpc.plan.submit.mutate({ planId: draft.id, version: draft.version });
    expect(submitted.status).toBe('submitted');
    const mongo = await MongoClient.connect(stack.mongoUrl, { directConnection: true });
    try {
      const stored = await mongo
        .db(`${stack.databasePrefix}plans_guangdong`)
        .collection('plans')
        .findOne({ _id: draft.id as never });
      // drafting and sign-off events may still wait there too
      const waiting = (stored?.['outbox'] ?? []) as { type: string }[];
      expect(waiting.filter((e) => e.type === 'plan.submitted.v1')).toHaveLength(1);
    } finally {
      await mongo.close();
    }

    kafka.start();
    const opened = await eventually(
      async () => (await ministry.trpc.case.listOpen.query({})).find((c) => c.subject.id === draft.id),
      { description: 'the case opened after the broker came back', timeoutMs: 90_000, intervalMs: 500 },
    );
    expect(opened.tenant).toBe('guangdong');

    // nothing doubled: one submitted event, one case
    const recorder = new EventRecorder(stack.topicPrefix, kafka.brokers);
    await recorder.start([topics.plan, topics.approvalCase]);
    try {
      await recorder.waitForEvent(
        'approval.case_opened.v1',
        (e) => (e.envelope?.data['subject'] as { id: string }).id === draft.id,
      );
      await recorder.waitUntilCaughtUp();
      const submittedEvents = recorder
        .ofType('plan.submitted.v1', (e) => e.key === draft.id)
        .map((e) => e.envelope?.id);
      expect(new Set(submittedEvents).size).toBe(1);
      const cases = (await ministry.trpc.case.listOpen.query({})).filter((c) => c.subject.id === draft.id);
      expect(cases).toHaveLength(1);
    } finally {
      await recorder.stop();
    }
  });
});
