import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * Debian's Chromium headless shell (never a downloaded browser): the same engine without the
 * browser's own interface, a fifth less CPU per run than the full browser in headless mode.
 * Flags from the infrastructure notes.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium-headless-shell',
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
export async function newUser(
  browser: Browser,
  baseURL: string,
  viewport = desktop,
): Promise<{ context: BrowserContext; page: Page }> {
  // people who ask for less motion get no transitions: the tests ask, and wait for no animation
  const context = await browser.newContext({ baseURL, viewport, locale: 'zh-CN', reducedMotion: 'reduce' });
  // a two-core machine shared with builds renders slowly: waits are bounded, but not by 30 s
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  return { context, page };
}

/** Screens of every page of the given browser profiles, into the temporary folder, for the reader of a failure. */
export async function screensOf(contexts: BrowserContext[], testName: string): Promise<string[]> {
  const shots: string[] = [];
  const dir = join(tmpdir(), 'tradepilot-console-failures');
  mkdirSync(dir, { recursive: true });
  for (const [c, context] of contexts.entries()) {
    for (const [i, page] of context.pages().entries()) {
      const file = join(dir, `${testName.replace(/[^\p{L}\p{N}]+/gu, '-')}-${c}-${i}.png`);
      await page.screenshot({ path: file, fullPage: true }).then(
        () => shots.push(file),
        () => undefined,
      );
    }
  }
  return shots;
}

/** Clicks the page's Refresh button: lists others change are read again without reloading the page. */
export async function refresh(page: Page): Promise<void> {
  await page
    .getByRole('button', { name: /刷\s*新|Refresh/ })
    .first()
    .click();
}

/** Signs in through the console's sign-in page (Chinese labels: the default language). */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /^登\s*录$/ }).click();
  await page.getByTestId('signed-in-user').waitFor();
}

/** A tRPC mutation through the gateway as a signed-in user (what a test prepares without a screen). */
export async function mutateAs(
  gatewayUrl: string,
  username: string,
  password: string,
  procedure: string,
  input: unknown,
): Promise<unknown> {
  const call = async (path: string, body: unknown, token?: string) => {
    const response = await fetch(`${gatewayUrl}/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const answer = (await response.json()) as { result?: { data: unknown }; error?: unknown };
    if (!response.ok || !answer.result)
      throw new Error(`${path}: ${response.status} ${JSON.stringify(answer.error)}`);
    return answer.result.data;
  };
  const { accessToken } = (await call('auth.devLogin', { username, password })) as { accessToken: string };
  return call(procedure, input, accessToken);
}

/** One user's tRPC calls through the gateway with one sign-in (what a test seeds without a screen). */
export async function apiAs(gatewayUrl: string, username: string, password: string) {
  const call = async (path: string, body: unknown, token?: string, method: 'GET' | 'POST' = 'POST') => {
    const url =
      method === 'GET'
        ? `${gatewayUrl}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(body))}`
        : `${gatewayUrl}/trpc/${path}`;
    const response = await fetch(url, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(method === 'POST' ? { body: JSON.stringify(body) } : {}),
    });
    const answer = (await response.json()) as { result?: { data: unknown }; error?: unknown };
    if (!response.ok || !answer.result)
      throw new Error(`${path}: ${response.status} ${JSON.stringify(answer.error)}`);
    return answer.result.data;
  };
  const { accessToken } = (await call('auth.devLogin', { username, password })) as { accessToken: string };
  return {
    mutate: <T>(procedure: string, input: unknown) => call(procedure, input, accessToken) as Promise<T>,
    query: <T>(procedure: string, input: unknown) => call(procedure, input, accessToken, 'GET') as Promise<T>,
  };
}
