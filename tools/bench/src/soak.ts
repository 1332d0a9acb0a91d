#!/usr/bin/env node
/**
 * Endurance: 20 commands/s open-loop through the gateway (a plan per pilot area and round: in
 * the dual-role governments saved, signed, submitted and returned by the ministry, round and
 * round; elsewhere drafts saved over and over) for `--minutes` (30), every app sampled from inside by the
 * bench's preload probe (`soak-probe.ts`: RSS, event-loop delay, bounded caches). After the
 * warm-up (`--warmup-minutes`, 5, at most a third of the run) it reports per app: RSS growth
 * (goal ≤ 10 %), event-loop delay p99 (goal ≤ 50 ms) and whether any bounded cache holds more
 * than its bound. A command to run by hand, not a CI step. Ctrl-C ends the load early and
 * still reports.
 *
 *   npm run build && node tools/bench/dist/soak.js [--minutes 30] [--rate 20] [--heap-snapshots]
 *
 * `--heap-snapshots`: every app writes a V8 heap snapshot at both marks (kept, with the probe
 * files), and the report says per app what its heap held at each and which kinds of object grew
 * most: a leak, or garbage not yet collected. The snapshots pause the apps and move their RSS, so
 * such a run says nothing about the goals.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import type { AppName } from '@tradepilot/local-stack';
import { startTestStack, type TestStack } from '@tradepilot/test-stack';
import { TenantRegistry } from '@tradepilot/tenancy';
import { benchPassword, productionTiming } from './bench-stack';
import { RenewingToken } from './renewing-token';
import { latencyStats } from './latency-stats';
import { appSoakFigures, readProbeFiles } from './soak-report';
import { heapGrowth, readHeapKinds } from './heap-snapshot-summary';
import { megabytes } from './process-memory';
import { soakLoad, type SoakArea } from './soak-load';

const apps: AppName[] = ['plans', 'approvals', 'supervision', 'practices', 'gateway'];
/** a soak whose commands failed beyond this share did not hold its load */
const maxFailedShare = 0.01;

/** Asks every app's probe for a mark and waits until each has written its cache inspection. */
async function mark(stack: TestStack, probeDir: string): Promise<void> {
  const inspectionsBefore = inspections(probeDir);
  for (const app of apps) {
    const pid = stack.app(app).pid;
    if (pid) process.kill(pid, 'SIGUSR2');
  }
  for (let attempt = 0; attempt < 600; attempt += 1) {
    if (inspections(probeDir) >= inspectionsBefore + apps.length) return;
    await delay(100);
  }
  throw new Error('the apps did not answer the mark within 60 s (is the probe loaded?)');
}

const inspections = (probeDir: string): number =>
  readdirSync(probeDir)
    .filter((f) => f.endsWith('.jsonl'))
    .map(
      (f) =>
        readFileSync(join(probeDir, f), 'utf8')
          .split('\n')
          .filter((l) => l.includes('"kind":"caches"')).length,
    )
    .reduce((n, c) => n + c, 0);

async function main() {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string', default: '30' },
      'warmup-minutes': { type: 'string' },
      rate: { type: 'string', default: '20' },
      'heap-snapshots': { type: 'boolean', default: false },
    },
  });
  const heapSnapshots = values['heap-snapshots'] === true;
  const minutes = Number(values.minutes);
  const warmupMinutes = Number(values['warmup-minutes'] ?? Math.min(5, minutes / 3));
  const rate = Number(values.rate);
  if (!(minutes > 0) || !(warmupMinutes >= 0) || warmupMinutes >= minutes || !(rate > 0))
    throw new Error('--minutes > 0, 0 ≤ --warmup-minutes < --minutes and --rate > 0, please');

  const probeDir = mkdtempSync(join(tmpdir(), 'soak-'));
  const stack = await startTestStack({
    apps,
    nodeArgs: ['--require', join(__dirname, 'soak-probe.js')],
    env: {
      ...productionTiming,
      SOAK_PROBE_DIR: probeDir,
      SOAK_PROBE_INTERVAL_MS: '5000',
      SOAK_HEAP_SNAPSHOTS: heapSnapshots ? '1' : '0',
    },
    // the soak measures the apps over time, not the quotas (the noisy-neighbour benchmark does)
    appEnv: { gateway: { RATE_LIMIT_USER_CALLS: '1000000', RATE_LIMIT_TENANT_CALLS: '1000000' } },
  });
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  const tokens: RenewingToken[] = [];
  try {
    // a plan per pilot area and round: the approval loop where one officer signs alone (the
    // dual-role governments), drafts saved over and over elsewhere (a province officer edits them)
    const registry = TenantRegistry.fromSeed();
    const areas: SoakArea[] = [];
    for (const province of registry.provinces()) {
      const dual = registry.isDualRole(province.id);
      const user = dual ? `${province.id}-officer` : `${province.id}-province`;
      const token = await RenewingToken.signIn(stack.gatewayUrl, user, benchPassword);
      tokens.push(token);
      for (const area of registry.pilotAreasOf(province.id))
        for (const round of area.rounds)
          areas.push({
            pilotAreaId: area.id,
            round,
            province: province.id,
            token,
            loop: dual ? 'approval' : 'drafting',
          });
    }
    const ministryToken = await RenewingToken.signIn(stack.gatewayUrl, 'mofcom-officer', benchPassword);
    tokens.push(ministryToken);
    const started = Date.now();
    const load = soakLoad({
      gatewayUrl: stack.gatewayUrl,
      areas,
      ministryToken,
      commandsPerSecond: rate,
      durationMs: minutes * 60_000,
      signal: stop.signal,
    });
    await Promise.race([delay(warmupMinutes * 60_000, undefined, { signal: stop.signal }), load]).catch(
      () => undefined,
    );
    const loadAverageAtWarmUp = loadavg();
    await mark(stack, probeDir);
    const warmedAt = Date.now();
    const result = await load;
    const loadAverageAtEnd = loadavg();
    await mark(stack, probeDir);
    const measuredMs = Date.now() - warmedAt;
    const windowMs = Math.min(60_000, measuredMs / 4);
    const byApp = readProbeFiles(probeDir);
    const figures: Record<string, ReturnType<typeof appSoakFigures>> = Object.fromEntries(
      apps.map((app) => {
        const lines = byApp.get(app);
        return [app, lines ? appSoakFigures(lines, windowMs) : { error: 'no probe file' }];
      }),
    );
    // figures taken while the commands were refused are not a soak at the asked rate
    const commandsFailed = Object.entries(result.failures)
      .filter(([what]) => !what.startsWith('watching'))
      .reduce((n, [, count]) => n + count, 0);
    const loadHeld = commandsFailed <= result.sent * maxFailedShare;
    const goalsMet =
      !heapSnapshots &&
      loadHeld &&
      Object.values(figures).every(
        (f) => 'goals' in f && f.goals.rssGrowth && f.goals.eventLoopDelayP99 && f.goals.cachesWithinBounds,
      );
    const elapsedS = (Date.now() - started) / 1000;
    const report = {
      benchmark: 'soak: commands through the gateway, open loop, every app sampled from inside',
      minutes,
      warmupMinutes,
      measuredMinutes: Math.round((measuredMs / 60_000) * 10) / 10,
      endedEarly: stop.signal.aborted,
      cores: cpus().length,
      loadAverage: {
        atWarmUp: loadAverageAtWarmUp.map((l) => Math.round(l * 10) / 10),
        atEnd: loadAverageAtEnd.map((l) => Math.round(l * 10) / 10),
      },
      goals: `RSS growth ≤ 10 % after warm-up, event-loop delay p99 ≤ 50 ms, no bounded cache beyond its bound, under the asked load (at most ${maxFailedShare * 100} % of commands failed)`,
      goalsMet,
      load: {
        held: loadHeld,
        commandsFailed,
        commandsPerSecondAsked: rate,
        commandsSent: result.sent,
        commandsPerSecondSent: Math.round((result.sent / elapsedS) * 10) / 10,
        plans: result.lanes,
        idleTicks: result.idleTicks,
        refusedInFlight: result.refusedInFlight,
        latencyMs: Object.fromEntries(Object.entries(result.latencies).map(([c, l]) => [c, latencyStats(l)])),
        failures: result.failures,
      },
      apps: figures,
      ...(heapSnapshots ? { heaps: heapsOf(probeDir) } : {}),
      ...(process.env['SOAK_KEEP_PROBE_FILES'] || heapSnapshots ? { probeFiles: probeDir } : {}),
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    for (const token of tokens) token.stop();
    await stack.close();
    if (!process.env['SOAK_KEEP_PROBE_FILES'] && !heapSnapshots)
      rmSync(probeDir, { recursive: true, force: true });
  }
}

/** Per app: what its heap held at the warm-up mark and at the end, and what grew most in between. */
function heapsOf(probeDir: string) {
  return Object.fromEntries(
    apps.map((app) => {
      const files = readdirSync(probeDir)
        .filter((f) => f.startsWith(`${app}-`) && f.endsWith('.heapsnapshot'))
        .sort((a, b) => markOf(a) - markOf(b));
      const [warm, end] = files;
      if (!warm || !end) return [app, { error: `expected two snapshots, found ${files.length}` }];
      const growth = heapGrowth(readHeapKinds(join(probeDir, warm)), readHeapKinds(join(probeDir, end)));
      return [
        app,
        {
          heldAfterWarmUpMb: megabytes(growth.totalBytesBefore),
          heldAtEndMb: megabytes(growth.totalBytesAfter),
          grewMost: growth.grewMost.map((g) => ({ ...g, selfMbGrowth: megabytes(g.selfBytesGrowth) })),
        },
      ];
    }),
  );
}

const markOf = (file: string): number => Number(/-mark(\d+)\.heapsnapshot$/.exec(file)?.[1] ?? 0);

main().catch((err: Error) => {
  process.stderr.write(`${err.stack ?? err.message}\n`);
  process.exit(1);
});
