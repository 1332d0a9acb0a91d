import AxeBuilder from '@axe-core/playwright';
import { reportSubmittedV1 } from '@tradepilot/contracts';
import { eventually, startTestStack, StackKafka, testUserPassword, type TestStack } from '@tradepilot/test-stack';
import { MongoClient, type Document } from 'mongodb';
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestIssuer, type TestIssuer } from './oidc-issuer';
import { apiAs, desktop, launchChromium, mutateAs, newUser, phone, refresh, screensOf, signIn } from './browser';

/**
 * Each role's main flow in a real Chromium, through the gateway serving the built console, on
 * the real apps, Kafka, FerretDB and Jaeger.
 */
describe('the console, role by role, in a real browser', () => {
  let stack: TestStack;
  let browser: Browser;
  let kafka: StackKafka;
  /** the external OpenID Connect provider the gateway trusts beside its built-in one */
  let issuer: TestIssuer;
  // an RFC 8707 resource indicator is an absolute URI
  const oidcClient = { audience: 'urn:tradepilot:gateway', clientId: 'tradepilot-console' };
  const planTitle = `广州市服务贸易创新发展试点实施方案（${randomUUID().slice(0, 6)}）`;
  let planUrl = '';
  /** each user signs in once; later flows of the same user go on in the same browser profile */
  const signedIn = new Map<string, { context: BrowserContext; page: Page }>();
  const anonymous: BrowserContext[] = [];
  let running: string | undefined;
  /** a practice of Guangzhou that its province recommended and the ministry approved into the pool (seeded beside the other flows) */
  const practiceTitle = `跨境数据流动白名单制度（${randomUUID().slice(0, 6)}）`;
  let recommendedPractice: Promise<string> = Promise.resolve('');

  beforeAll(async () => {
    [issuer, browser] = await Promise.all([
      startTestIssuer({
        ...oidcClient,
        accounts: { 'oidc-hangzhou': { name: 'OIDC 杭州试点', tenant: 'zhejiang', roles: ['pilot-area-officer'], org: 'hangzhou' } },
      }),
      launchChromium(),
    ]);
    stack = await startTestStack({
      apps: ['plans', 'approvals', 'practices', 'gateway'],
      appEnv: {
        gateway: {
          OIDC_ISSUER: issuer.issuer,
          OIDC_JWKS_URL: `${issuer.issuer}/jwks`,
          OIDC_AUDIENCE: oidcClient.audience,
          OIDC_CONSOLE_CLIENT_ID: oidcClient.clientId,
          OIDC_DISPLAY_NAME: 'Test IdP',
          OIDC_SCOPE: 'openid api',
        },
      },
    });
    await issuer.allowRedirect(`${stack.gatewayUrl}/sign-in/callback`);
    recommendedPractice = recommendPractice(stack.gatewayUrl, practiceTitle);
    // awaited by the practices flow; a failure here is reported there
    recommendedPractice.catch(() => undefined);
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
    await issuer?.close();
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

  /**
   * axe-core: no serious or critical violation on the page once it has settled. A button still
   * loading (a Refresh just clicked) is drawn faded and a transition is half-way between two
   * colours: either reads as poor contrast that no user sees for more than a moment.
   */
  const accessible = async (page: Page) => {
    await page
      .waitForFunction(
        () =>
          !document.querySelector('.ant-btn-loading, .ant-spin-spinning') &&
          document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
        undefined,
        // every 100 ms, not every frame: the check itself costs the browser
        { timeout: 10_000, polling: 100 },
      )
      .catch(() => undefined);
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

  flow('the province pages through its plans, 20 at a time, and asks for the closed ones', async () => {
    // earlier rounds' plans of Shenzhen as the plans service stores them (copies of the flow's plan):
    // one closed, 21 in drafting, changed before the flow's plan
    const mongo = await MongoClient.connect(stack.mongoUrl, { directConnection: true });
    try {
      const plans = mongo.db(`${stack.databasePrefix}plans_guangdong`).collection<Document>('plans');
      const template = (await plans.findOne({ _id: planUrl.split('/').pop() as never })) as Document;
      const yesterday = Date.now() - 24 * 3600_000;
      await plans.insertMany(
        Array.from({ length: 22 }, (_, i) => ({
          ...template,
          _id: randomUUID() as never,
          pilotAreaId: 'shenzhen',
          round: 2001 + i,
          title: { 'zh-CN': `深圳市 ${2001 + i} 年实施方案`, en: '' },
          status: i === 0 ? 'closed' : 'drafting',
          updatedAt: new Date(yesterday - i * 60_000),
        })),
      );
    } finally {
      await mongo.close();
    }
    const page = await as('guangdong-province');
    await page.getByRole('menuitem', { name: '实施方案' }).click();
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await page.getByText('已显示 20 个方案').waitFor();
    expect(await rows.count()).toBe(20);
    await accessible(page);
    await page.getByRole('button', { name: '加载更多' }).click();
    // the flow's plan and the 21 copies in drafting; nothing further to load
    await page.getByText('已显示 22 个方案').waitFor();
    expect(await rows.count()).toBe(22);
    expect(await page.getByRole('button', { name: '加载更多' }).count()).toBe(0);
    expect(await page.getByRole('row', { name: /深圳市 2001 年实施方案/ }).count()).toBe(0);
    await page.getByRole('combobox', { name: '状态' }).click();
    await page.locator('.ant-select-item-option').filter({ hasText: /^已关闭$/ }).click();
    await page.getByText('已显示 1 个方案').waitFor();
    await page.getByRole('row', { name: /深圳市 2001 年实施方案/ }).waitFor();
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
    await page.getByRole('button', { name: /^登\s*录$/ }).click();
    const problem = page.getByTestId('problem');
    await problem.getByText('用户名或密码不正确').waitFor();
    await problem.getByText('The user name or password is not correct').waitFor();
    expect(await page.getByTestId('trace-id').innerText()).toMatch(/^[0-9a-f]{32}$/);
  });

  flow('an officer signs in through the OpenID Connect provider (code + PKCE) and works as with the built-in sign-in', async () => {
    const page = await stranger();
    await page.goto('/sign-in');
    const [authorization] = await Promise.all([
      page.waitForRequest((r) => r.url().startsWith(`${issuer.issuer}/auth`)),
      page.getByRole('button', { name: '使用 Test IdP 登录' }).click(),
    ]);
    const asked = new URL(authorization.url()).searchParams;
    expect(asked.get('response_type')).toBe('code');
    expect(asked.get('code_challenge_method')).toBe('S256');
    expect(asked.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(asked.get('redirect_uri')).toBe(`${stack.gatewayUrl}/sign-in/callback`);
    await page.locator('input[name="login"]').fill('oidc-hangzhou');
    await page.locator('input[name="password"]').fill('any password the test provider takes');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL('**/plans');
    await page.getByTestId('signed-in-user').getByText(/OIDC 杭州试点/).waitFor();
    // the provider's access token carries the calls: the pilot area's plans and the library answer
    await page.getByRole('table').first().waitFor();
    await page.getByRole('menuitem', { name: '案例库' }).click();
    await page.getByText(/共 \d+ 个案例/).waitFor();
    // the token stays in memory: nothing of it in the page's storage
    const stored = await page.evaluate(() => JSON.stringify([{ ...localStorage }, { ...sessionStorage }]));
    expect(stored).not.toMatch(/eyJ/);
    await page.getByRole('button', { name: /退\s*出/ }).click();
    await page.waitForURL('**/sign-in');
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
    await page.getByRole('button', { name: /^登\s*录$/ }).click();
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

  flow('the pilot area drafts a practice; a save on top of a newer version shows who saved it and when', async () => {
    const page = await as('guangzhou-officer');
    await page.getByRole('menuitem', { name: '我的案例' }).click();
    await accessible(page);
    await page.getByRole('button', { name: '新建案例' }).click();
    const creating = page.getByRole('dialog');
    await creating.getByRole('button', { name: /创\s*建/ }).click();
    await creating.getByText('请填写案例名称（中文）').waitFor();
    await creating.getByLabel('案例名称（中文）').fill('数字贸易公共服务平台');
    await creating.getByRole('button', { name: /创\s*建/ }).click();
    await page.waitForURL(/\/practices\/mine\/[0-9a-f-]{36}$/);
    const practiceId = page.url().split('/').pop() as string;
    await page.getByText(/版本 1 ·/).waitFor();
    // a colleague saves the same draft while it is open here
    const colleague = await apiAs(stack.gatewayUrl, 'guangzhou-officer', testUserPassword);
    await colleague.mutate('practice.save', { practiceId, version: 1, results: '平台上线三个月服务企业 1200 家。' });
    await page.getByLabel('主要做法').fill('建设数字贸易公共服务平台，提供通关、结算、数据合规一站式服务。');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText(/guangzhou-officer 已于 .+ 保存了更新的版本，您的修改未保存/).waitFor();
    await page.getByRole('button', { name: /对\s*比/ }).click();
    await page.getByText(/不同之处：.*主要做法/).waitFor();
    await page.getByRole('button', { name: '重新载入' }).click();
    await page.getByText(/版本 2 ·/).waitFor();
    await page.getByLabel('主要做法').fill('建设数字贸易公共服务平台，提供通关、结算、数据合规一站式服务。');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText(/版本 3 ·/).waitFor();
  });

  flow('the ministry publishes a batch; another province finds the case by a Chinese term and a facet and replicates it; the matrix shows it', async () => {
    await recommendedPractice;
    const ministry = await as('mofcom-officer');
    await ministry.getByRole('menuitem', { name: '推荐与批次' }).click();
    const poolRow = ministry.getByRole('row', { name: new RegExp(escaped(practiceTitle)) });
    await untilShown(ministry, async () => (await poolRow.count()) > 0, 'the recommended practice in the pool');
    await accessible(ministry);
    await ministry.getByRole('button', { name: '编制批次' }).click();
    const composer = ministry.getByRole('dialog');
    await composer.getByLabel('批次序号').fill('1');
    await composer.getByLabel('批次名称（中文）').fill('服务贸易创新发展试点最佳实践案例（第一批）');
    await composer.getByLabel('发布日期').fill('2026-07-01');
    await composer.getByLabel('发布日期').press('Enter');
    await composer.getByLabel('专题名称（中文）').fill('扩大开放');
    await composer.getByLabel('本专题案例').fill('跨境数据');
    await ministry.keyboard.press('Enter');
    await composer.getByRole('button', { name: /保\s*存/ }).click();
    const batchRow = ministry.getByRole('row', { name: /第1批/ }).first();
    await batchRow.getByRole('button', { name: /发\s*布/ }).click();
    await ministry.getByRole('tooltip').getByRole('button', { name: /确\s*定/ }).click();
    await ministry.getByText('已发布第1批').waitFor();
    const [xlsx] = await Promise.all([ministry.waitForEvent('download'), batchRow.getByRole('button', { name: '下载 XLSX' }).click()]);
    expect(xlsx.suggestedFilename()).toBe('practices-batch-1.xlsx');

    const province = await as('zhejiang-province');
    await province.getByRole('menuitem', { name: '案例库' }).click();
    await province.getByLabel('全文检索（中文或英文）').fill('跨境');
    await province.getByLabel('全文检索（中文或英文）').press('Enter');
    const hit = province.getByRole('link', { name: practiceTitle });
    await untilShown(province, async () => (await hit.count()) > 0, 'the published case found by 跨境');
    await province.getByRole('group', { name: '省份' }).getByText(/广东/).click();
    await province.getByText('共 1 个案例').waitFor();
    await accessible(province);
    await hit.click();
    await province.getByTestId('lineage').getByText('M-3-02').waitFor();
    await province.getByRole('button', { name: '声明复制推广' }).click();
    const declaring = province.getByRole('dialog');
    // as a person does: into the first field once the dialog is open, then an empty submission
    // (a click on the button as the dialog opened once showed no field errors, at load 12)
    await declaring.getByLabel('实施单位').click();
    await declaring.getByRole('button', { name: /声\s*明/ }).click();
    await declaring.getByText('请填写实施单位').waitFor();
    await declaring.getByLabel('实施单位').fill('浙江省商务厅');
    await declaring.getByLabel('日期').fill('2026-08-01');
    await declaring.getByLabel('日期').press('Enter');
    await declaring.getByRole('button', { name: /声\s*明/ }).click();
    await province.getByText('已声明复制推广').waitFor();
    await province.getByRole('menuitem', { name: '复制推广' }).click();
    const adoption = province.getByRole('row', { name: /浙江省商务厅/ });
    await adoption.getByRole('button', { name: /推\s*进/ }).click();
    const advancing = province.getByRole('dialog');
    await advancing.getByLabel('新状态').click();
    // the visible option (antd keeps a second, screen-reader copy of the list)
    await province.locator('.ant-select-item-option').filter({ hasText: '推广中' }).click();
    await advancing.getByLabel('日期').fill('2026-08-15');
    await advancing.getByLabel('日期').press('Enter');
    await advancing.getByLabel('关联方案任务编号').fill('task-7');
    await advancing.getByRole('button', { name: /确\s*定/ }).click();
    await adoption.getByText('推广中').waitFor();

    await ministry.getByRole('menuitem', { name: '推广矩阵' }).click();
    const matrixRow = ministry.getByRole('row', { name: new RegExp(escaped(practiceTitle)) });
    await untilShown(ministry, async () => (await matrixRow.getByText('推广中').count()) > 0, "the matrix shows Zhejiang's adoption in progress");
    await ministry.getByRole('columnheader', { name: /浙江/ }).waitFor();
    await accessible(ministry);
  });

  flow('a person who asks for less motion gets no transitions; others get them', async () => {
    const durations: Record<string, string> = {};
    for (const reducedMotion of ['reduce', 'no-preference'] as const) {
      const context = await browser.newContext({ baseURL: stack.gatewayUrl, viewport: desktop, locale: 'zh-CN', reducedMotion });
      anonymous.push(context);
      const page = await context.newPage();
      await page.goto('/sign-in');
      const button = page.getByRole('button', { name: /^登\s*录$/ });
      // the theme's motion durations, which every antd transition and animation (menus, dialogs, messages) is timed by
      durations[reducedMotion] = await button.evaluate((b) => getComputedStyle(b).getPropertyValue('--ant-motion-duration-mid').trim());
      await context.close();
    }
    expect(durations).toEqual({ reduce: '0s', 'no-preference': '0.2s' });
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

const escaped = (text: string) => text.replace(/[()（）]/g, '.');

/**
 * Guangzhou drafts and submits a practice, Guangdong recommends it and the ministry approves it
 * in the approvals engine: it is then in the ministry's recommended pool.
 */
async function recommendPractice(gatewayUrl: string, title: string): Promise<string> {
  const [area, province, ministry] = await Promise.all(
    ['guangzhou-officer', 'guangdong-province', 'mofcom-officer'].map((u) => apiAs(gatewayUrl, u, testUserPassword)),
  );
  const created = await area.mutate<{ id: string; version: number }>('practice.create', {
    title: { 'zh-CN': title, en: 'Cross-border data flow whitelist' },
    taskGroupId: 'opening-up',
    measureIds: ['M-3-02'],
    practice: '建立跨境数据流动白名单，企业一次申报、全年有效。',
    results: '企业数据出境申报时间缩短 70%。',
    replicationConditions: '具备数据出境安全评估能力的地区。',
    tags: ['跨境数据'],
    contactUnit: { name: '广州市商务局', phone: null, email: null },
  });
  await area.mutate('practice.submit', { practiceId: created.id, version: created.version });
  type Inbox = { items: { caseId: string; version: number; subject: { id: string } }[] };
  for (const who of [province, ministry]) {
    const item = await eventually(
      async () =>
        (await who.query<Inbox>('case.inbox', { caseTypes: ['practice'] })).items.find((i) => i.subject.id === created.id),
      { description: `the practice case of ${created.id}`, timeoutMs: 60_000, intervalMs: 500 },
    );
    await who.mutate('case.decide', { caseId: item.caseId, decision: 'approve', version: item.version });
  }
  return created.id;
}
