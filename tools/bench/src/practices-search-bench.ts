#!/usr/bin/env node
/**
 * The exemplary-practice library search over 2,000 published cases: p99 must stay within 30 ms.
 * Measured through the gateway on the real stack, interleaved with a baseline call that reads no
 * database (`reference.places`, answered from memory), so the ratio holds on a busier machine;
 * plus how long a publication takes to reach the index of each of two instances (added in one
 * step), how long a province's adoption takes to reach the ministry's matrix (both ≤ 2 s), and
 * the whole-library rebuild an instance does when it starts (restarted over 2,000 cases).
 *
 *   npx nx run-many -t build --projects=@tradepilot/bench,@tradepilot/gateway-app,@tradepilot/practices-app
 *   node tools/bench/dist/practices-search-bench.js [--cases 2000] [--rounds 300]
 */
import { startLocalStack, type LocalStack } from '@tradepilot/local-stack';
import {
  infraConnection,
  localInfraDir,
  repoRoot,
  startTestStack,
  testUserPassword,
  type TestStack,
} from '@tradepilot/test-stack';
import { MongoClient } from 'mongodb';
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { productionTiming } from './bench-stack';
import { mutate, query, signIn } from './gateway-calls';
import { latencyStats, ratio } from './latency-stats';

const { values } = parseArgs({
  options: { cases: { type: 'string', default: '2000' }, rounds: { type: 'string', default: '300' } },
});
const caseCount = Number(values.cases);
const rounds = Number(values.rounds);
const budgetMs = 30;
const freshnessBudgetMs = 2000;
const adoptionSamples = 10;
/** the size of a real batch (round 3 published 16, 17, 25 and 25 cases) */
const perBatch = 25;

const places = ['广州', '杭州', '成都', '武汉', '厦门', '南京', '西安', '青岛', '海口', '苏州'];
const subjects = [
  '跨境数据流动',
  '服务外包',
  '数字贸易',
  '技术进出口',
  '离岸贸易',
  '知识产权',
  '文化出口',
  '中医药服务',
  '国际物流',
  '金融服务',
  '人才执业',
  '检验检测',
];
const actions = ['一站式办理', '白名单管理', '信用监管', '平台化服务', '告知承诺制', '联合审批'];
const english = [
  'data',
  'outsourcing',
  'digital',
  'technology',
  'offshore',
  'logistics',
  'finance',
  'talent',
];
const taskGroups = ['opening-up', 'facilitation', 'development-models', 'promotion', 'policy', 'regulation'];
const provinces = [
  ['guangdong', 'guangzhou'],
  ['zhejiang', 'hangzhou'],
  ['sichuan', 'chengdu'],
  ['hubei', 'wuhan'],
  ['fujian', 'xiamen'],
  ['jiangsu', 'nanjing'],
  ['shaanxi', 'xian'],
  ['shandong', 'qingdao'],
] as const;
const pick = <T>(list: readonly T[], i: number, salt: number) => list[(i * 7 + salt * 13) % list.length] as T;

/** A recommended-pool entry as the approvals outcome leaves it (the flow itself is the e2e test's). */
function poolEntry(id: string, i: number) {
  const [province, area] = pick(provinces, i, 1);
  const subject = pick(subjects, i, 2);
  const action = pick(actions, i, 3);
  const word = pick(english, i, 4);
  return {
    _id: id as never,
    province,
    pilotAreaId: area,
    title: { 'zh-CN': `${pick(places, i, 5)}${subject}${action}（${i}）`, en: `${word} practice ${i}` },
    coAuthors: [],
    taskGroupId: pick(taskGroups, i, 6),
    measureIds: [`M-${(i % 8) + 1}-0${(i % 3) + 1}`],
    practice: `围绕${subject}推行${action}，${pick(subjects, i, 7)}与${pick(subjects, i, 8)}协同推进，企业办事时间明显缩短。${word} services.`,
    results: `${pick(places, i, 9)}相关企业${(i % 90) + 10}家受益，办理时间缩短${(i % 60) + 20}%。`,
    figures: [{ label: '受益企业', value: (i % 90) + 10, unit: '家' }],
    replicationConditions: '具备相关产业基础的地区。',
    tags: [subject, pick(subjects, i, 10)],
    attachments: [],
    contactUnit: { name: `${pick(places, i, 5)}市商务局`, phone: null, email: null },
    submission: 1,
    caseId: randomUUID(),
    recommendedAt: new Date(),
    batchId: null,
  };
}

/** A second practices instance (with a gateway of its own) on the same databases, topics and keys. */
function startSecondInstance(stack: TestStack, gatewayEnv: Record<string, string>): Promise<LocalStack> {
  const infra = infraConnection();
  const root = repoRoot();
  return startLocalStack({
    root,
    apps: ['practices', 'gateway'],
    kafkaBrokers: stack.kafkaBrokers,
    mongoUrl: stack.mongoUrl,
    otlpEndpoint: infra.otlpTracesUrl.replace(/\/v1\/traces$/, ''),
    prefix: stack.prefix,
    keys: stack.keys,
    logDir: join(localInfraDir(), 'test-logs', 'second-instance'),
    env: {
      ...productionTiming,
      DEV_LOGIN_ENABLED: 'true',
      DEV_USERS_PASSWORD: testUserPassword,
      PASSWORD_HASH_COST: '12',
    },
    appEnv: { gateway: gatewayEnv },
  });
}

interface IndexState {
  version: number;
  indexed: number;
  indexedPractices: number;
  indexRebuildMs: number;
  indexAdditionMs: number;
}

async function main(): Promise<number> {
  // quotas are the noisy-neighbour benchmark's subject; here they would only cut the load
  // and publishing on a loaded machine may take longer than an interactive call's 10 s
  const appEnv = {
    gateway: {
      RATE_LIMIT_USER_CALLS: '1000000',
      RATE_LIMIT_TENANT_CALLS: '1000000',
      FORWARD_TIMEOUT_MS: '60000',
    },
  };
  const stack = await startTestStack({ apps: ['practices', 'gateway'], env: productionTiming, appEnv });
  try {
    const ministry = await signIn(stack.gatewayUrl, 'mofcom-officer', testUserPassword);
    const reader = await signIn(stack.gatewayUrl, 'hainan-officer', testUserPassword);
    const ids = Array.from({ length: caseCount }, () => randomUUID());
    const lastBatch = ids.slice(-perBatch);
    const client = await MongoClient.connect(stack.mongoUrl, { directConnection: true });
    try {
      const national = client.db(`${stack.databasePrefix}practices_national`);
      // all but the last batch as earlier publications left them: library version 1 (written
      // directly, publication itself is what the e2e test proves); the last batch is published
      // through the gateway below, so the rebuild and the publication → index time are real
      const earlier = ids.slice(0, -perBatch).map((id, i) => {
        const { submission: _s, caseId: _c, recommendedAt: _r, batchId: _b, ...content } = poolEntry(id, i);
        return {
          ...content,
          batchId: randomUUID(),
          batchNumber: Math.floor(i / perBatch) + 1,
          theme: { 'zh-CN': '扩大开放', en: 'Opening up' },
          libraryVersion: 1,
          publishedAt: new Date(Date.UTC(2020, 0, 1) + i * 86_400_000),
          illustrative: false,
        };
      });
      for (let i = 0; i < earlier.length; i += 500)
        await national.collection('library').insertMany(earlier.slice(i, i + 500));
      await national
        .collection('library_state')
        .insertOne({ _id: 'library' as never, version: 1, updatedAt: new Date() });
      await national
        .collection('recommended_practices')
        .insertMany(lastBatch.map((id, j) => poolEntry(id, caseCount - perBatch + j)));
    } finally {
      await client.close();
    }
    const indexed = async (gatewayUrl: string, token: string, expected: number, since: number) => {
      for (;;) {
        const found = await query<{ total: number }>(gatewayUrl, 'library.search', { limit: 1 }, token);
        if (found.total === expected) return Math.round(performance.now() - since);
        if (performance.now() - since > 120_000) throw new Error(`the index did not reach ${expected} cases`);
        await delay(20);
      }
    };
    await indexed(stack.gatewayUrl, reader, caseCount - perBatch, performance.now());
    // a second instance of the service (with its own gateway): every instance must follow publications
    const replica = await startSecondInstance(stack, appEnv.gateway);
    const replicaReader = await signIn(replica.gatewayUrl, 'hainan-officer', testUserPassword);

    const batch = await mutate<{ id: string; version: number }>(
      stack.gatewayUrl,
      'batch.create',
      {
        number: Math.ceil(caseCount / perBatch),
        title: { 'zh-CN': '最新一批', en: 'The latest batch' },
        releaseDate: '2026-07-01',
        themes: [{ name: { 'zh-CN': '便利化', en: 'Facilitation' }, practiceIds: lastBatch }],
      },
      ministry,
    );
    let publishMs: number;
    let freshnessMs: number[];
    let restarted: IndexState;
    try {
      await indexed(replica.gatewayUrl, replicaReader, caseCount - perBatch, performance.now());
      const started = performance.now();
      await mutate(
        stack.gatewayUrl,
        'batch.publish',
        { batchId: batch.id, version: batch.version },
        ministry,
      );
      const published = performance.now();
      publishMs = Math.round(published - started);
      // the publishing instance and the other one, polled at once
      freshnessMs = await Promise.all(
        [
          [stack.gatewayUrl, reader],
          [replica.gatewayUrl, replicaReader],
        ].map(([url, token]) => indexed(url as string, token as string, caseCount, published)),
      );
      // a restart reads the whole library (2,000 cases) into a new index before the service is ready
      await replica.app('practices').stop();
      await replica.app('practices').start();
      restarted = await query<IndexState>(replica.gatewayUrl, 'library.version', {}, replicaReader);
    } finally {
      await replica.stop();
    }
    const state = await query<IndexState>(stack.gatewayUrl, 'library.version', {}, reader);

    // a province's adoption → the ministry's practice × province matrix (an event to the national
    // projection), from the adoption's answer until the matrix shows it; one practice at a time
    const adoptionToMatrixMs: number[] = [];
    for (const practiceId of ids.slice(0, adoptionSamples)) {
      await mutate(
        stack.gatewayUrl,
        'adoption.declare',
        { practiceId, pilotAreaId: 'hainan', localUnit: '海南省商务厅', date: '2026-08-01' },
        reader,
      );
      const answered = performance.now();
      for (;;) {
        const matrix = await query<{ rows: { practiceId: string; provinces: { province: string }[] }[] }>(
          stack.gatewayUrl,
          'adoption.matrix',
          {},
          ministry,
        );
        if (
          matrix.rows.some(
            (r) => r.practiceId === practiceId && r.provinces.some((c) => c.province === 'hainan'),
          )
        )
          break;
        if (performance.now() - answered > 60_000)
          throw new Error(`the adoption of ${practiceId} did not reach the matrix`);
        await delay(20);
      }
      adoptionToMatrixMs.push(Math.round(performance.now() - answered));
    }

    const calls: [string, string, unknown][] = [
      ['baseline: reference.places (no database)', 'reference.places', {}],
      ['library.search 跨境 (relevance)', 'library.search', { text: '跨境' }],
      [
        'library.search 数字贸易 + facets (date)',
        'library.search',
        {
          text: '数字贸易',
          filters: { originProvince: ['zhejiang'], taskGroup: ['facilitation', 'opening-up'] },
          sort: 'date',
        },
      ],
      ['library.search "digital" (English)', 'library.search', { text: 'digital' }],
      ['library.search facets only, page 3', 'library.search', { filters: { batch: ['2'] }, offset: 40 }],
      ['library.search with no match (the gateway → service hop)', 'library.search', { text: '无此词' }],
      ['library.get (one document by id)', 'library.get', { practiceId: ids[7] }],
    ];
    const samples = new Map<string, number[]>(calls.map(([label]) => [label, []]));
    for (let i = 0; i < 20; i += 1)
      for (const [, path, input] of calls) await query(stack.gatewayUrl, path, input, reader);
    // interleaved, so every call sees the same machine load
    for (let i = 0; i < rounds; i += 1)
      for (const [label, path, input] of calls) {
        const started = performance.now();
        await query(stack.gatewayUrl, path, input, reader);
        samples.get(label)?.push(performance.now() - started);
      }
    const baseline = latencyStats(samples.get(calls[0]?.[0] as string) ?? []);
    const table = calls.map(([label]) => {
      const s = latencyStats(samples.get(label) ?? []);
      return {
        call: label,
        p50: s.p50,
        p95: s.p95,
        p99: s.p99,
        'p99 / baseline p99': ratio(s.p99, baseline.p99),
      };
    });
    const searches = table.filter((r) => r.call.startsWith('library.search'));
    const worst = Math.max(...searches.map((r) => r.p99));
    console.log(
      JSON.stringify(
        {
          machine: { cores: cpus().length, loadAverage1m: Math.round((loadavg()[0] ?? 0) * 100) / 100 },
          publishedCases: state.indexedPractices,
          libraryVersion: state.version,
          indexRebuildMsAtRestart: restarted.indexRebuildMs,
          practicesRebuiltAtRestart: restarted.indexedPractices,
          publishMsOfLastBatch: publishMs,
          indexAdditionMsOfLastBatch: state.indexAdditionMs,
          publicationToIndexMs: { publishingInstance: freshnessMs[0], otherInstance: freshnessMs[1] },
          adoptionToMatrixMs: latencyStats(adoptionToMatrixMs),
          rounds,
        },
        null,
        2,
      ),
    );
    console.table(table);
    const fresh = Math.max(...freshnessMs, ...adoptionToMatrixMs) <= freshnessBudgetMs;
    const passed = worst <= budgetMs && fresh && state.indexedPractices === caseCount;
    console.log(
      `library.search over ${state.indexedPractices} cases: worst p99 ${worst} ms (target ≤ ${budgetMs} ms), ` +
        `${ratio(worst, baseline.p99)}× the no-database call; publication → index ${freshnessMs.join(' / ')} ms ` +
        `(target ≤ ${freshnessBudgetMs} ms); adoption → matrix at most ${Math.max(...adoptionToMatrixMs)} ms; rebuild at restart ${restarted.indexRebuildMs} ms — ${passed ? 'PASS' : 'FAIL'}`,
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
