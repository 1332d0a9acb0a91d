#!/usr/bin/env node
/**
 * national.overview latency on the demo data: every province drafts its pilot areas' plans
 * and submits the first, then the ministry asks for the overview again and again.
 * Target: p99 ≤ 50 ms.
 *
 *   npx nx run-many -t build --projects=@tradepilot/bench,@tradepilot/gateway-app,@tradepilot/plans-app,@tradepilot/approvals-app
 *   node tools/bench/dist/national-overview-latency.js [--calls 300]
 */
import { startTestStack, testUserPassword, type TestStack } from '@tradepilot/test-stack';
import { TenantRegistry } from '@tradepilot/tenancy';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { latencyStats } from './latency-stats';

const { values } = parseArgs({ options: { calls: { type: 'string', default: '300' } } });
const calls = Number(values.calls);

async function trpc(
  stack: TestStack,
  token: string | undefined,
  path: string,
  input: unknown,
  mutation = false,
) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers['authorization'] = `Bearer ${token}`;
  const response = mutation
    ? await fetch(`${stack.gatewayUrl}/trpc/${path}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(input),
      })
    : await fetch(`${stack.gatewayUrl}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, {
        headers,
      });
  return (await response.json()) as { result?: { data: Record<string, unknown> }; error?: unknown };
}

async function signIn(stack: TestStack, username: string): Promise<string> {
  const answer = await trpc(
    stack,
    undefined,
    'auth.devLogin',
    { username, password: testUserPassword },
    true,
  );
  if (!answer.result) throw new Error(`sign-in of ${username}: ${JSON.stringify(answer.error)}`);
  return answer.result.data['accessToken'] as string;
}

async function main(): Promise<number> {
  const registry = TenantRegistry.fromSeed();
  const stack = await startTestStack({ apps: ['plans', 'approvals', 'gateway'], env: { LOG_LEVEL: 'warn' } });
  try {
    let plans = 0;
    for (const province of registry.provinces()) {
      const officer = registry.isDualRole(province.id) ? `${province.id}-officer` : `${province.id}-province`;
      const token = await signIn(stack, officer);
      for (const [i, area] of registry.pilotAreasOf(province.id).entries()) {
        const created = await trpc(
          stack,
          token,
          'plan.create',
          {
            pilotAreaId: area.id,
            title: {
              'zh-CN': `${area.name['zh-CN']}服务贸易创新发展试点实施方案`,
              en: `${area.name.en} implementation plan`,
            },
            tasks: [],
          },
          true,
        );
        const plan = created.result?.data as { id: string; version: number } | undefined;
        if (!plan) throw new Error(`plan of ${area.id}: ${JSON.stringify(created.error)}`);
        plans += 1;
        if (i === 0)
          await trpc(stack, token, 'plan.submit', { planId: plan.id, version: plan.version }, true);
      }
    }
    const ministry = await signIn(stack, 'mofcom-officer');
    for (let i = 0; i < 20; i += 1) await trpc(stack, ministry, 'national.overview', {});
    const samples: number[] = [];
    let last: unknown;
    for (let i = 0; i < calls; i += 1) {
      const started = performance.now();
      last = await trpc(stack, ministry, 'national.overview', {});
      samples.push(performance.now() - started);
    }
    const stats = latencyStats(samples);
    const parts = (
      last as { result?: { data: { parts: { service: string; status: string; reason?: string }[] } } }
    ).result?.data.parts;
    const report = {
      machine: { cores: cpus().length, loadAverage1m: Math.round((loadavg()[0] ?? 0) * 100) / 100 },
      demoData: { provinces: registry.provinces().length, plans },
      calls,
      latencyMs: stats,
      parts,
    };
    const passed = stats.p99 <= 50;
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(
      `national.overview: p50 ${stats.p50} ms, p99 ${stats.p99} ms (target ≤ 50 ms) — ${passed ? 'PASS' : 'FAIL'}\n`,
    );
    return passed ? 0 : 1;
  } finally {
    await stack.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(2);
  },
);
