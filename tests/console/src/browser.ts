import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (never a downloaded browser); flags from the infrastructure notes. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export const desktop = { width: 1280, height: 800 };
export const phone = { width: 390, height: 844 };

/** A fresh browser profile (its own cookies and storage) at the given size. */
export async function newUser(browser: Browser, baseURL: string, viewport = desktop): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, viewport, locale: 'zh-CN' });
  // a two-core machine shared with builds renders slowly: waits are bounded, but not by 30 s
  context.setDefaultTimeout(90_000);
  const page = await context.newPage();
  open.add(context);
  context.on('close', () => open.delete(context));
  return { context, page };
}

const open = new Set<BrowserContext>();

/**
 * After each test: a test that failed left its browser open (they close it as their last step);
 * its screens go to the temporary folder for the reader of the failure, then it is closed so the
 * next test starts clean.
 */
export async function closeLeftOpen(testName: string): Promise<string[]> {
  const shots: string[] = [];
  const dir = join(tmpdir(), 'tradepilot-console-failures');
  for (const context of [...open]) {
    for (const [i, page] of context.pages().entries()) {
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `${testName.replace(/[^\p{L}\p{N}]+/gu, '-')}-${i}.png`);
      await page.screenshot({ path: file, fullPage: true }).then(
        () => shots.push(file),
        () => undefined,
      );
    }
    await context.close().catch(() => undefined);
  }
  return shots;
}

/** Signs in through the console's sign-in page (Chinese labels: the default language). */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByTestId('signed-in-user').waitFor();
}

/** A tRPC mutation through the gateway as a signed-in user (what a test prepares without a screen). */
export async function mutateAs(gatewayUrl: string, username: string, password: string, procedure: string, input: unknown): Promise<unknown> {
  const call = async (path: string, body: unknown, token?: string) => {
    const response = await fetch(`${gatewayUrl}/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const answer = (await response.json()) as { result?: { data: unknown }; error?: unknown };
    if (!response.ok || !answer.result) throw new Error(`${path}: ${response.status} ${JSON.stringify(answer.error)}`);
    return answer.result.data;
  };
  const { accessToken } = (await call('auth.devLogin', { username, password })) as { accessToken: string };
  return call(procedure, input, accessToken);
}
