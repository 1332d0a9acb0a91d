#!/usr/bin/env node
/**
 * README pictures (a command, not a test: it writes into the tree). Against a running platform
 * (`npm start`): signs in as the demo users and saves the national dashboard and the province
 * inbox to docs/images. GATEWAY_URL (default http://127.0.0.1:3000), TRADEPILOT_DEMO_PASSWORD.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000';
const password = process.env.TRADEPILOT_DEMO_PASSWORD ?? 'tradepilot-demo';
const out = join(root, 'docs/images');
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
try {
  for (const [user, path, file] of [
    ['mofcom-officer', '/dashboard', 'console-national-dashboard.png'],
    ['guangdong-province', '/inbox', 'console-province-inbox.png'],
  ]) {
    const context = await browser.newContext({ baseURL: gateway, viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.getByLabel('用户名').fill(user);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByTestId('signed-in-user').waitFor();
    await page.goto(path);
    await page.getByRole('table').first().waitFor();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: join(out, file), fullPage: false });
    process.stdout.write(`${join('docs/images', file)}\n`);
    await context.close();
  }
} finally {
  await browser.close();
}
