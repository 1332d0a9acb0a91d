#!/usr/bin/env node
/**
 * README pictures (a command, not a test: it writes into the tree): `npm run docs:screenshots`.
 * Starts the local infrastructure when it is down and a stack of its own on it (the test harness:
 * its own database and topic prefix, removed afterwards), fills it with a few plans and cases
 * through the gateway, signs in as the demo users in Debian's Chromium and saves the national
 * dashboard and the province inbox to docs/images. Needs the apps built (the Nx target builds them).
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTRPCClient, httpLink } from '@trpc/client';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const { startTestStack, StackKafka, testUserPassword, eventually } = require('@tradepilot/test-stack');
const { reportSubmittedV1 } = require('@tradepilot/contracts');

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const out = join(root, 'docs/images');
mkdirSync(out, { recursive: true });

// Chromium draws Chinese with a CJK font of the system; without one every label is a row of boxes
const cjkFonts = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
if (cjkFonts.status === 0 && cjkFonts.stdout.trim() === '')
  throw new Error('no Chinese font for Chromium: install one (Debian: apt-get install fonts-wqy-microhei), then run again');

if (spawnSync(join(root, 'infra/local/infra.sh'), ['up'], { stdio: 'inherit' }).status !== 0)
  throw new Error('the local infrastructure did not start (npm run infra:logs)');

const stack = await startTestStack({ apps: ['plans', 'approvals', 'gateway'], appEnv: { plans: { SAMPLE_CATALOG: 'if-empty' } } });
const kafka = await StackKafka.connect(stack, 'console-screenshots');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium-headless-shell',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});

/** The official tRPC client, signed in as a demo user. */
async function as(username) {
  const anonymous = createTRPCClient({ links: [httpLink({ url: `${stack.gatewayUrl}/trpc` })] });
  const { accessToken } = await anonymous.auth.devLogin.mutate({ username, password: testUserPassword });
  return createTRPCClient({ links: [httpLink({ url: `${stack.gatewayUrl}/trpc`, headers: { authorization: `Bearer ${accessToken}` } })] });
}

// the stack loads the sample catalog: the one task carries out the area's measures that no central
// department is consulted on (so the ministry decides at once), the others are explained
const sampleMeasures = JSON.parse(readFileSync(join(root, 'packages/plans/src/seed/sample-measures.json'), 'utf8')).measures;
const applicable = (area) => sampleMeasures.filter((m) => m.pilotAreas.includes(area));
const explained = (area) =>
  applicable(area)
    .filter((m) => m.responsibleDepartments.length > 0)
    .map((m) => ({ measureId: m.id, explanation: '本期由省级统筹推进，另行制定专项工作方案' }));
const task = (area, leadUnit, description) => ({
  id: 'T1',
  measureIds: applicable(area).filter((m) => m.responsibleDepartments.length === 0).map((m) => m.id),
  description,
  leadUnit,
  supportingUnits: [],
  milestones: [{ title: '出台配套政策', due: '2026-06-30' }],
  kpis: [{ name: '服务贸易进出口额', unit: '亿元', baseline: 100, target: 130, due: '2027-12-31' }],
  keyProgram: false,
});

/** A plan drafted by the province, signed by both parties, and taken as far as `until`. */
async function plan(area, province, name, until) {
  const provincial = await as(`${province}-province`);
  let view = await provincial.plan.create.mutate({
    pilotAreaId: area,
    title: { 'zh-CN': `${name}深化服务贸易创新发展试点实施方案`, en: `${area} implementation plan` },
    period: { start: '2026-01-01', end: '2028-12-31' },
    tasks: [task(area, `${name}商务局`, '推进服务贸易数字化，建设公共服务平台')],
    coverageExplanations: explained(area),
  });
  if (until === 'drafting') return view;
  view = await (await as(`${area}-officer`)).plan.sign.mutate({ planId: view.id, version: view.version });
  if (view.missingSignOffs.length > 0) view = await provincial.plan.sign.mutate({ planId: view.id, version: view.version });
  return provincial.plan.submit.mutate({ planId: view.id, version: view.version });
}

/** A progress report submitted by a pilot area (supervision's event): a case in its province's inbox. */
async function report(tenant, area, title) {
  const reportId = randomUUID();
  const now = new Date().toISOString();
  await kafka.send(reportSubmittedV1.topic, {
    key: reportId,
    value: JSON.stringify(
      reportSubmittedV1.envelope.parse({
        id: randomUUID(),
        type: reportSubmittedV1.type,
        tenant,
        aggregateId: reportId,
        sequence: 1,
        occurredAt: now,
        actor: { userId: `${area}-officer`, role: 'pilot-area-officer', organisationId: area },
        causationId: null,
        data: { reportId, pilotAreaId: area, periodId: '2026-Q1', title, submission: 1, submittedAt: now },
      }),
    ),
    headers: { 'event-type': reportSubmittedV1.type, tenant },
  });
}

try {
  const submitted = [];
  for (const [area, province, name] of [
    ['guangzhou', 'guangdong', '广州市'],
    ['shenzhen', 'guangdong', '深圳市'],
    ['hangzhou', 'zhejiang', '杭州市'],
    ['nanjing', 'jiangsu', '南京市'],
    ['wuhan', 'hubei', '武汉市'],
  ])
    submitted.push(await plan(area, province, name, 'submitted'));
  await plan('chengdu', 'sichuan', '成都市', 'drafting');
  await plan('suzhou', 'jiangsu', '苏州市', 'drafting');
  // the ministry approves two of them
  const ministry = await as('mofcom-officer');
  for (const planId of [submitted[0].id, submitted[2].id]) {
    const opened = await eventually(
      async () => (await ministry.case.listOpen.query({})).find((c) => c.subject.id === planId),
      { description: 'the plan case opens', timeoutMs: 60_000 },
    );
    const open = await ministry.case.get.query({ caseId: opened.id });
    await ministry.case.decide.mutate({ caseId: open.id, decision: 'approve', version: open.version });
  }
  await report('guangdong', 'guangzhou', { 'zh-CN': '广州市 2026 年第一季度试点进展报告', en: 'Guangzhou 2026 Q1 progress report' });
  await report('guangdong', 'shenzhen', { 'zh-CN': '深圳市 2026 年第一季度试点进展报告', en: 'Shenzhen 2026 Q1 progress report' });
  const province = await as('guangdong-province');
  await eventually(async () => (await province.case.inbox.query({})).total >= 2, { description: 'the reports reach the inbox', timeoutMs: 60_000 });

  for (const [user, path, file] of [
    ['mofcom-officer', '/dashboard', 'console-national-dashboard.png'],
    ['guangdong-province', '/inbox', 'console-province-inbox.png'],
  ]) {
    const context = await browser.newContext({ baseURL: stack.gatewayUrl, viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    context.setDefaultTimeout(90_000);
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.getByLabel('用户名').fill(user);
    await page.getByLabel('密码').fill(testUserPassword);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByTestId('signed-in-user').waitFor();
    await page.goto(path);
    await page.getByRole('table').first().locator('.ant-table-row').first().waitFor();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: join(out, file), fullPage: false });
    process.stdout.write(`${join('docs/images', file)}\n`);
    await context.close();
  }
} finally {
  await browser.close();
  await kafka.close();
  await stack.close();
}
