import { createInternalTokenSigner } from '@tradepilot/auth';
import { topics } from '@tradepilot/contracts';
import { createKafka } from '@tradepilot/messaging';
import { EventRecorder, eventually, startTestStack, type TestStack } from '@tradepilot/test-stack';
import { request } from 'node:http';
import pino from 'pino';
import { signIn, type GatewayClient } from './test/gateway-client';
import { signedDraft } from './test/plan-drafting';

/**
 * A request the service has accepted and is working on: headers sent (the server has a request
 * on this connection, so it is not idle), body held back until `finish` is called.
 */
function heldRequest(url: string, token: string, body: string) {
  const req = request(`${url}/trpc/plan.create`, {
    method: 'POST',
    agent: false,
    headers: {
      'x-internal-token': token,
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      // the server answers "100 Continue" once it has read the headers: proof it holds the request
      expect: '100-continue',
    },
  });
  req.flushHeaders();
  const accepted = new Promise<void>((resolve) => req.once('continue', () => resolve()));
  const answer = new Promise<{ status: number; body: string } | { error: string }>((resolve) => {
    req.on('response', (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.on('error', (err) => resolve({ error: err.message }));
    });
    req.on('error', (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? err.message }));
  });
  return { accepted, finish: () => req.end(body), answer };
}

function connectionRefused(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(`${url}/health/live`, { agent: false }, (res) => {
      res.resume();
      resolve(false);
    });
    req.on('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'));
    req.end();
  });
}

describe('graceful shutdown on SIGTERM', () => {
  let stack: TestStack;
  let province: GatewayClient;

  beforeAll(async () => {
    stack = await startTestStack({ apps: ['plans', 'approvals', 'gateway'] });
    province = await signIn(stack, 'guangdong-province');
  });
  afterAll(() => stack?.close());

  it('finishes the requests it accepted, refuses new ones, then exits 0 within the grace period', async () => {
    const plans = stack.app('plans');
    const token = await createInternalTokenSigner(stack.keys.privateKeyPem, 300).sign(
      {
        userId: 'guangdong-province',
        tenant: 'guangdong',
        roles: ['province-officer'],
        organisationId: 'guangdong',
      },
      'plans',
    );
    const body = JSON.stringify({
      pilotAreaId: 'shenzhen',
      title: { 'zh-CN': '停机期间提交的方案', en: '' },
    });
    const inFlight = Array.from({ length: 6 }, () => heldRequest(plans.url, token, body));
    await Promise.all(inFlight.map((r) => r.accepted));

    const signalledAt = Date.now();
    const exit = plans.stop('SIGTERM', 20_000);
    await eventually(() => connectionRefused(plans.url), { description: 'new connections refused' });
    for (const request of inFlight) request.finish();
    const answers = await Promise.all(inFlight.map((r) => r.answer));
    const code = await exit;

    // every accepted request got its real answer: one plan created, the others told it exists
    expect(answers.filter((a) => 'error' in a)).toEqual([]);
    const statuses = answers.map((a) => ('status' in a ? a.status : 0)).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409]);
    expect(code).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(15_000);
  });

  it('commits the consumer offsets of what it processed, so a restart reprocesses nothing', async () => {
    const recorder = new EventRecorder(stack.topicPrefix, stack.kafkaBrokers);
    await recorder.start([topics.plan, topics.approvalCase]);
    try {
      await stack.app('plans').start();
      const draft = await signedDraft(stack, province, {
        pilotAreaId: 'guangzhou',
        title: { 'zh-CN': '广州方案', en: '' },
      });
      await province.trpc.plan.submit.mutate({ planId: draft.id, version: draft.version });
      await recorder.waitForEvent(
        'approval.case_opened.v1',
        (e) => (e.envelope?.data['subject'] as { id: string }).id === draft.id,
      );

      expect(await stack.app('approvals').stop('SIGTERM')).toBe(0);
      const admin = createKafka({
        brokers: stack.kafkaBrokers,
        clientId: 'e2e-offsets',
        logger: pino({ level: 'silent' }),
      }).admin();
      await admin.connect();
      try {
        const topic = `${stack.topicPrefix}${topics.plan}`;
        const high = await admin.fetchTopicOffsets(topic);
        const [committed] = await admin.fetchOffsets({
          groupId: `${stack.topicPrefix}approvals`,
          topics: [topic],
        });
        for (const partition of high) {
          const at = committed?.partitions.find((p) => p.partition === partition.partition)?.offset ?? '-1';
          const expected = partition.high === '0' ? ['-1', '0'] : [partition.high];
          expect(expected).toContain(at);
        }
      } finally {
        await admin.disconnect();
      }

      await stack.app('approvals').start();
      // a restart with committed offsets opens no second case for anything already handled
      const casesOpened = () =>
        recorder.ofType(
          'approval.case_opened.v1',
          (e) => (e.envelope?.data['subject'] as { id: string }).id === draft.id,
        );
      const zhejiang = await signIn(stack, 'zhejiang-province');
      const second = await signedDraft(stack, zhejiang, {
        pilotAreaId: 'hangzhou',
        title: { 'zh-CN': '杭州方案', en: '' },
      });
      await zhejiang.trpc.plan.submit.mutate({ planId: second.id, version: second.version });
      await recorder.waitForEvent(
        'approval.case_opened.v1',
        (e) => (e.envelope?.data['subject'] as { id: string }).id === second.id,
      );
      expect(casesOpened()).toHaveLength(1);
    } finally {
      await recorder.stop();
    }
  });
});
