import AxeBuilder from '@axe-core/playwright';
import { reportSubmittedV1 } from '@tradepilot/contracts';
import { eventually, startTestStack, StackKafka, testUserPassword, type TestStack } from '@tradepilot/test-stack';
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { desktop, launchChromium, mutateAs, newUser, phone, refresh, screensOf, signIn } from './browser';

/**
 * Each role's main flow in a real Chromium, through the gateway serving the built console, on
 * the real apps, Kafka, FerretDB and Jaeger.
 */
describe('the console, role by role, in a real browser', () => {
  let stack: TestStack;
  let browser: Browser;
  let kafka: StackKafka;
  const planTitle = `广州市服务贸易创新发展试点实施方案（${randomUUID().slice(0, 6)}）`;
  let planUrl = '';
  /** each user signs in once; later flows of the same user go on in the same browser profile */
  const signedIn = new Map<string, { context: BrowserContext; page: Page }>();
  const anonymous: BrowserContext[] = [];
  let running: string | undefined;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startTestStack({ apps: ['plans', 'approvals', 'gateway'] }), launchChromium()]);
    kafka = await StackKafka.connect(stack, 'console-e2e');
    // the measure the pilot area's task carries out (every task maps to at least one)
    await mutateAs(stack.gatewayUrl, 'mofcom-officer', testUserPassword, 'measure.create', {
      id: 'M-3-02',
      taskGroupId: 'facilitation',
      text: { 'zh-CN': '推进服务贸易数字化', en: 'Digitalise trade in services' },
      pilotAreas: ['guangzhou'],
    });
    // three apps and a browser starting on a shared two-core machine
  }, 180_000);
  afterEach(async () => {
    // a flow that did not reach its end leaves its screens for the reader of the failure
    if (running === undefined) return;
    const shots = await screensOf([...[...signedIn.values()].map((u) => u.context), ...anonymous], running);
    if (shots.length > 0) process.stderr.write(`screens of the open pages: ${shots.join(', ')}\n`);
  });
  afterAll(async () => {
    await kafka?.close();
    await browser?.close();
    await stack?.close();
  });

  /** A flow of the issue; `running` stays set when it fails. */
  const flow = (name: string, body: () => Promise<void>) =>
    it(name, async () => {
      running = name;
      await body();
      running = undefined;
    });

  /** The user's signed-in page (signing in the first time), at its home page. */
  const as = async (username: string) => {
    let user = signedIn.get(username);
    if (!user) {
      user = await newUser(browser, stack.gatewayUrl);
      await signIn(user.page, username, testUserPassword);
      signedIn.set(username, user);
    } else {
      await user.page.goto('/');
      await user.page.getByTestId('signed-in-user').waitFor();
    }
    return user.page;
  };

  /** A browser profile nobody signed in to. */
  const stranger = async () => {
    const { context, page } = await newUser(browser, stack.gatewayUrl);
    anonymous.push(context);
    return page;
  };

  /** axe-core: no serious or critical violation on the page as it is now. */
  const accessible = async (page: Page) => {
    const result = await new AxeBuilder({ page }).analyze();
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  };

  /** Polls a screen: its Refresh button reads the server again until the check holds. */
  const untilShown = (page: Page, check: () => Promise<boolean>, description: string, timeoutMs = 60_000) =>
    eventually(
      async () => {
        if (await check()) return true;
        await refresh(page);
        return false;
      },
      { description, timeoutMs, intervalMs: 500 },
    );

  it('serves the console at / with the right caching, and leaves the API its paths', async () => {
    const page = await fetch(`${stack.gatewayUrl}/plans`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1] as string;
    const script = await fetch(`${stack.gatewayUrl}${asset}`);
    expect(script.headers.get('cache-control')).toContain('immutable');
    const api = await fetch(`${stack.gatewayUrl}/trpc/no.such`, { headers: { accept: 'text/html' } });
    expect(api.headers.get('content-type')).toContain('application/json');
    const missing = await fetch(`${stack.gatewayUrl}/assets/missing.js`, { headers: { accept: 'text/html' } });
    expect(missing.status).toBe(404);
  });

  flow('the pilot area drafts and signs a plan', async () => {
    const page = await as('guangzhou-officer');
    await page.waitForURL('**/plans');
    await accessible(page);
    await page.getByRole('button', { name: '新建方案' }).click();
    await page.getByLabel('方案名称（中文）').fill(planTitle);
    await page.getByLabel('方案名称（英文）').fill('Guangzhou implementation plan');
    await page.getByPlaceholder('开始日期').fill('2026-01-01');
    await page.getByPlaceholder('结束日期').fill('2028-12-31');
    await page.getByPlaceholder('结束日期').press('Enter');
    await page.getByRole('button', { name: /创\s*建/ }).click();
    await page.waitForURL(/\/plans\/[0-9a-f-]{36}$/);
    planUrl = new URL(page.url()).pathname;
    await page.getByRole('button', { name: '添加任务' }).click();
    await page.getByLabel('牵头单位').fill('广州市商务局');
    await page.getByLabel('任务内容').fill('推进服务贸易数字化，建设数字贸易公共服务平台');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    // a task without a measure is refused on the screen, before any call
    await page.getByText('请至少选择一项本任务落实的试点措施').waitFor();
    await page.getByLabel('对应试点措施').fill('M-3-02');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已保存').waitFor();
    await page.getByRole('button', { name: /签\s*署/ }).click();
    await page.getByText('待省级签署').first().waitFor();
  });

  flow('the province co-signs and submits it', async () => {
    const page = await as('guangdong-province');
    await page.waitForURL('**/inbox');
    await accessible(page);
    await page.goto(planUrl);
    await page.getByRole('button', { name: /签\s*署/ }).click();
    await page.getByText('双方已签署').or(page.getByText(/省级：guangdong-province/)).first().waitFor();
    await page.getByRole('button', { name: '报送商务部' }).click();
    await page.getByText('已报送', { exact: true }).first().waitFor();
  });

  flow('the ministry approves from its inbox and sees the dashboard move', async () => {
    const page = await as('mofcom-officer');
    await page.waitForURL('**/dashboard');
    await accessible(page);
    const approvedBefore = await approvedCount(page);
    await page.getByRole('menuitem', { name: '待办审批' }).click();
    const row = page.getByRole('row', { name: new RegExp(planTitle.replace(/[()（）]/g, '.')) });
    await untilShown(page, async () => (await row.count()) > 0, 'the plan case in the ministry inbox');
    await row.getByRole('button', { name: /^同\s*意$/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: /确\s*定/ }).click();
    await page.getByText('已同意').waitFor();
    await page.getByRole('menuitem', { name: '全国看板' }).click();
    await untilShown(page, async () => (await approvedCount(page)) === approvedBefore + 1, 'the dashboard counts the approved plan');
  });

  flow('the province returns a progress report with a reason', async () => {
    const reportId = randomUUID();
    await kafka.send(reportSubmittedV1.topic, {
      key: reportId,
      value: JSON.stringify(
        reportSubmittedV1.envelope.parse({
          id: randomUUID(),
          type: reportSubmittedV1.type,
          tenant: 'guangdong',
          aggregateId: reportId,
          sequence: 1,
          occurredAt: new Date().toISOString(),
          actor: { userId: 'guangzhou-officer', role: 'pilot-area-officer', organisationId: 'guangzhou' },
          causationId: null,
          data: {
            reportId,
            pilotAreaId: 'guangzhou',
            periodId: '2026-Q1',
            title: { 'zh-CN': '广州市一季度进展报告', en: 'Guangzhou Q1 report' },
            submission: 1,
            submittedAt: new Date().toISOString(),
          },
        }),
      ),
      headers: { 'event-type': reportSubmittedV1.type, tenant: 'guangdong' },
    });
    const page = await as('guangdong-province');
    await page.waitForURL('**/inbox');
    const row = page.getByRole('row', { name: /广州市一季度进展报告/ });
    await untilShown(page, async () => (await row.count()) > 0, 'the report in the province inbox');
    await row.getByRole('button', { name: /退\s*回/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await dialog.getByText('退回或不予同意时须填写理由').waitFor();
    await dialog.getByLabel('理由').fill('第三项任务的完成情况缺少佐证材料，请补充后重新报送');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await page.getByText('已退回').first().waitFor();
    await eventually(async () => (await row.count()) === 0, { description: 'the report left the inbox', intervalMs: 200 });
  });

  flow('the province delegates its approvals for a window, and registers and decides an application under a delegated matter', async () => {
    await mutateAs(stack.gatewayUrl, 'mofcom-officer', testUserPassword, 'matter.delegate', {
      id: 'tech-export-licence',
      name: { 'zh-CN': '技术出口许可', en: 'Technology export licence' },
      legalBasis: '《技术进出口管理条例》',
      statutoryLimitDays: 20,
      decisionLevels: [
        { name: { 'zh-CN': '审核', en: 'Review' }, steps: [{ name: { 'zh-CN': '审核', en: 'Review' }, role: 'province-officer', workingDays: null }] },
      ],
      provinces: ['guangdong'],
    });
    const page = await as('guangdong-province');
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const nextWeek = new Date(Date.now() + 8 * 3_600_000 + 7 * 86_400_000).toISOString().slice(0, 10);

    await page.getByRole('menuitem', { name: '委托办理' }).click();
    await page.getByLabel('受托人（用户名）').fill('guangdong-deputy');
    await page.getByPlaceholder('开始日期').fill(today);
    await page.getByPlaceholder('结束日期').fill(nextWeek);
    await page.getByPlaceholder('结束日期').press('Enter');
    await page.getByRole('button', { name: /委\s*托/ }).click();
    const delegation = page.getByRole('row', { name: /guangdong-deputy 代 guangdong-province 办理/ });
    await delegation.getByText('委托期内').waitFor();

    await page.getByRole('menuitem', { name: '下放行政事项' }).click();
    await page.getByRole('button', { name: '登记申请' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('行政事项').fill('技术出口');
    await page.keyboard.press('Enter');
    await dialog.getByLabel('申请人').fill('广州某科技有限公司');
    await dialog.getByLabel('统一社会信用代码').fill('bad code');
    await dialog.getByLabel('收件日期').fill(today);
    await dialog.getByLabel('收件日期').press('Enter');
    await dialog.getByLabel('申请材料 1').fill('技术出口许可申请表');
    await dialog.getByRole('button', { name: /登\s*记/ }).click();
    await dialog.getByText('统一社会信用代码为 18 位数字或大写字母').waitFor();
    await dialog.getByLabel('统一社会信用代码').fill('91440101MA5CXXXX1X');
    await dialog.getByRole('button', { name: /登\s*记/ }).click();
    await page.getByText(/已登记 广州某科技有限公司 的申请/).waitFor();
    const application = page.getByRole('row', { name: /广州某科技有限公司/ });
    const decideLink = application.getByRole('link', { name: '办理' });
    await untilShown(page, async () => (await decideLink.count()) > 0, 'the application has its case');
    await decideLink.click();
    await page.getByRole('button', { name: /^同\s*意$/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: /确\s*定/ }).click();
    await page.getByText('已同意').first().waitFor();
    await page.getByRole('menuitem', { name: '下放行政事项' }).click();
    await page.getByRole('tab', { name: '办理统计' }).click();
    const statistics = page.getByRole('row', { name: /技术出口许可/ });
    await untilShown(
      page,
      async () => (await statistics.count()) > 0 && /技术出口许可\s+1\s+1/.test(await statistics.innerText()),
      'the statistics count the decided application',
    );
  });

  flow('an error shows its message in both languages and a copyable trace id', async () => {
    const page = await stranger();
    await page.goto('/sign-in');
    await page.getByLabel('用户名').fill('guangdong-province');
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    const problem = page.getByTestId('problem');
    await problem.getByText('用户名或密码不正确').waitFor();
    await problem.getByText('The user name or password is not correct').waitFor();
    expect(await page.getByTestId('trace-id').innerText()).toMatch(/^[0-9a-f]{32}$/);
  });

  flow('an operator disables a user and replays a dead letter', async () => {
    // a submitted plan that is no event: its consumers retry, then dead-letter it (plans.plan)
    await kafka.send('plans.plan', { key: randomUUID(), value: '{"not": "an event"}', headers: { 'event-type': 'plan.submitted.v1', tenant: 'guangdong' } });
    const page = await as('operator');
    await page.waitForURL('**/operator/users');
    await accessible(page);
    await page.getByLabel('按用户名或姓名查找').fill('shenzhen-officer');
    const row = page.getByRole('row', { name: /shenzhen-officer/ });
    await row.getByRole('button', { name: /停\s*用/ }).click();
    await page.getByRole('tooltip').getByRole('button', { name: /停\s*用/ }).click();
    await row.getByText('已停用').waitFor();

    await page.getByRole('menuitem', { name: '死信队列' }).click();
    const topic = page.getByRole('row', { name: /plans\.plan/ }).first();
    await untilShown(page, async () => (await topic.locator('.ant-tag-red').count()) > 0, 'the dead letter is listed');
    await topic.getByRole('button', { name: '重新投递' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: '重新投递' }).click();
    await page.getByText(/已重新投递 [1-9]/).waitFor();
  });

  flow('a disabled user cannot sign in any more', async () => {
    const page = await stranger();
    await page.goto('/sign-in');
    await page.getByLabel('用户名').fill('shenzhen-officer');
    await page.getByLabel('密码').fill(testUserPassword);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByTestId('problem').getByText('用户名或密码不正确').waitFor();
  });

  flow('switching to English changes every label', async () => {
    const page = await as('mofcom-officer');
    await page.waitForURL('**/dashboard');
    await page.getByText('全国试点工作看板').waitFor();
    await page.getByText('English', { exact: true }).click();
    await page.getByText('National pilot dashboard').waitFor();
    await accessible(page);
    // nothing written in Chinese is left on the screen but data: the names of places and of the user
    const user = await page.getByTestId('signed-in-user').innerText();
    const text = (await page.locator('body').innerText()).replace(user, '');
    const places = /北京|天津|河北|辽宁|上海|江苏|浙江|安徽|山东|湖北|湖南|广东|广西|海南|重庆|四川|贵州|云南|陕西|新疆|黑龙江|吉林|内蒙古|中文/g;
    const chinese = (text.replace(places, '').match(/\p{Script=Han}+/gu) ?? []);
    expect(chinese).toEqual([]);
    await page.getByText('中文', { exact: true }).click();
    await page.getByText('全国试点工作看板').waitFor();
  });

  flow('the inbox and the dashboard read on a 390-wide phone', async () => {
    for (const [user, path] of [['guangdong-province', '/inbox'], ['mofcom-officer', '/dashboard']] as const) {
      const page = await as(user);
      await page.setViewportSize(phone);
      await page.goto(path);
      await page.getByRole('table').first().waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      await page.setViewportSize(desktop);
      expect(overflow).toBeLessThanOrEqual(1);
    }
  });
});

/** The dashboard's count of approved and implementing plans (its second statistic). */
async function approvedCount(page: Page): Promise<number> {
  const statistic = page.locator('.ant-statistic').nth(1).locator('.ant-statistic-content-value');
  await statistic.waitFor();
  return Number((await statistic.innerText()).replace(/[^0-9]/g, ''));
}
