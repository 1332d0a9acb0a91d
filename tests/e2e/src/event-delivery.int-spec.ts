import { deadLetterTopic, topics } from '@tradepilot/contracts';
import {
  EventRecorder,
  eventually,
  repoRoot,
  StackKafka,
  startTestStack,
  type TestStack,
} from '@tradepilot/test-stack';
import { MongoClient } from 'mongodb';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { signIn, type GatewayClient } from './test/gateway-client';
import { signedDraft } from './test/plan-drafting';

const run = promisify(execFile);

describe('event delivery between services: duplicates, poison messages, dead letters and replay', () => {
  let stack: TestStack;
  let recorder: EventRecorder;
  let kafka: StackKafka;
  let province: GatewayClient;

  beforeAll(async () => {
    stack = await startTestStack({ apps: ['plans', 'approvals', 'gateway'] });
    recorder = new EventRecorder(stack.topicPrefix, stack.kafkaBrokers);
    await recorder.start([topics.plan, deadLetterTopic(topics.plan), topics.approvalCase]);
    kafka = await StackKafka.connect(stack, 'e2e-delivery');
    province = await signIn(stack, 'guangdong-province');
  });
  afterAll(async () => {
    await kafka?.close();
    await recorder?.stop();
    await stack?.close();
  });

  async function submitPlan(pilotAreaId: string): Promise<string> {
    const draft = await signedDraft(stack, province, {
      pilotAreaId,
      title: { 'zh-CN': `${pilotAreaId} 方案`, en: '' },
    });
    await province.trpc.plan.submit.mutate({ planId: draft.id, version: draft.version });
    return draft.id;
  }

  async function casesFor(planId: string): Promise<number> {
    const client = await MongoClient.connect(stack.mongoUrl, { directConnection: true });
    try {
      return await client
        .db(`${stack.databasePrefix}approvals_guangdong`)
        .collection('cases')
        .countDocuments({ 'subject.id': planId });
    } finally {
      await client.close();
    }
  }

  it('the same plan.submitted.v1 delivered twice opens one case', async () => {
    const planId = await submitPlan('guangzhou');
    const original = await recorder.waitForEvent('plan.submitted.v1', (e) => e.key === planId);
    await recorder.waitForEvent(
      'approval.case_opened.v1',
      (e) => (e.envelope?.data['subject'] as { id: string }).id === planId,
    );

    await kafka.redeliver(original);
    const redelivered = await eventually(
      () => recorder.ofType('plan.submitted.v1', (e) => e.key === planId && e.offset !== original.offset)[0],
      { description: 'the redelivered copy on the topic' },
    );
    await eventually(() => kafka.consumedPast('approvals', redelivered), {
      description: 'approvals consumed the copy',
    });
    expect(await casesFor(planId)).toBe(1);
    expect(
      recorder.ofType(
        'approval.case_opened.v1',
        (e) => (e.envelope?.data['subject'] as { id: string }).id === planId,
      ),
    ).toHaveLength(1);
  });

  it('a malformed message lands in plans.plan.dlq after the retries; later messages on its partition still flow; the replay tool re-publishes it', async () => {
    const laterPlanKey = 'shenzhen-poison-probe';
    const poison = '{"id":"not-a-uuid","type":"plan.submitted.v1"}';
    await kafka.send(topics.plan, {
      key: laterPlanKey,
      value: poison,
      headers: { 'event-type': 'plan.submitted.v1', tenant: 'guangdong' },
    });
    const letter = await recorder.waitForEvent(
      'plan.submitted.v1',
      // plans' national projection reads plans.plan too and dead-letters the same message under its own group
      (e) =>
        e.topic === deadLetterTopic(topics.plan) &&
        e.raw === poison &&
        e.headers['dlq-consumer-group'] === `${stack.topicPrefix}approvals`,
      { timeoutMs: 20_000 },
    );
    expect(letter.key).toBe(laterPlanKey);
    expect(letter.headers).toMatchObject({
      'event-type': 'plan.submitted.v1',
      tenant: 'guangdong',
      'dlq-attempts': '4',
      'dlq-source-topic': topics.plan,
      'dlq-consumer-group': `${stack.topicPrefix}approvals`,
    });
    expect(letter.headers['dlq-error']).toContain('does not match plan.submitted.v1');

    // a valid message after it on the same partition is processed
    const source = recorder.events.find((e) => e.topic === topics.plan && e.raw === poison);
    const planId = await submitPlan('shenzhen');
    const submitted = await recorder.waitForEvent('plan.submitted.v1', (e) => e.key === planId);
    await kafka.send(topics.plan, { key: laterPlanKey, value: submitted.raw, headers: submitted.headers });
    const after = await eventually(
      () =>
        recorder.events.find(
          (e) => e.topic === topics.plan && e.key === laterPlanKey && e.raw === submitted.raw,
        ),
      { description: 'the valid message behind the poison one' },
    );
    expect(after.partition).toBe(source?.partition);
    await eventually(() => kafka.consumedPast('approvals', after), {
      description: 'the partition kept flowing',
    });
    expect(await casesFor(planId)).toBe(1);

    const replay = () =>
      run(process.execPath, [join(repoRoot(), 'tools/dlq-replay/dist/main.js'), '--topic', topics.plan], {
        env: {
          ...process.env,
          KAFKA_BROKERS: stack.kafkaBrokers.join(','),
          KAFKA_TOPIC_PREFIX: stack.topicPrefix,
        },
      });
    const first = await replay();
    const replayed = first.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(replayed).toEqual(
      expect.arrayContaining([expect.objectContaining({ offset: letter.offset, replayed: true })]),
    );
    const republished = await eventually(
      () =>
        recorder.events.find(
          (e) => e.topic === topics.plan && e.raw === poison && e.headers['dlq-replayed-at'],
        ),
      { description: 'the dead letter back on plans.plan' },
    );
    expect(republished.key).toBe(laterPlanKey);
    expect(republished.headers['dlq-error']).toBeUndefined();

    // the replay group remembers: running it again replays nothing already replayed
    const second = await replay();
    expect(
      second.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l))
        .filter((l) => l.offset === letter.offset),
    ).toEqual([]);
  });
});
