#!/usr/bin/env node
/**
 * `npm run bench`: issue 14's benchmarks in one run, short settings, one after the other on the
 * same infrastructure, then one table of ratios (each against its baseline measured in the same
 * run) with the machine's cores and load, and the full results as JSON in tools/bench/results/.
 *
 *   npm run bench [-- --sections 1,2,3,5] [--relay-events 20000] [--samples 100] [--rate 20] [--ladder-seconds 3]
 *     [--volume-scales 1,4] [--volume-rounds 60]
 */
import { ensureInfra } from '@tradepilot/testing';
import { repoRoot } from '@tradepilot/test-stack';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { describeBusyCores } from './busy-cores';
import { machineLoad } from './machine-load';
import { runPlanGetLadder, type LadderResult } from './plan-get-ladder';
import { ratio } from './latency-stats';
import { markdownTable, type RatioRow } from './ratio-table';
import { runRelayDrain, type RelayDrainResult } from './relay-drain-bench';
import { runSubmitToCaseLatency, type SubmitToCaseResult } from './submit-to-case-latency';
import { flatGoal, runVolumeBench, type VolumeBenchResult } from './volume-reads-bench';

interface SuiteSettings {
  ladderSeconds: number;
  ladderRounds: number;
  samples: number;
  rate: number;
  relayEvents: number;
  eventsPerAggregate: number;
  volumeScales: number[];
  volumeRounds: number;
}

/** A section of issue 14: runs, then says its ratios; `notRunBecause` when there is nothing to run yet. */
interface Section {
  id: string;
  title: string;
  run?: (settings: SuiteSettings) => Promise<{ result: unknown; rows: RatioRow[] }>;
  notRunBecause?: string;
}

/** `(6) 2.1 + 0.6 ms`: CPU per request of a rung's servers + FerretDB at saturation, and the machine's busy cores */
const rungCpuText = (r: LadderResult, rung: string) => {
  const cpu = r.cpu.find((c) => c.rung === rung);
  return cpu
    ? `(${rung.split(' ')[0]}) ${cpu.serversMsPerRequest} + ${cpu.ferretDbMsPerRequest} ms, load generator ${cpu.loadGeneratorMsPerRequest} ms, ${cpu.machineCores} cores busy`
    : '';
};

const ladderRows = (r: LadderResult): RatioRow[] =>
  r.goals.map((g) => ({
    section: '§1 plan.get ladder',
    measure: g.goal,
    ratio: g.ratio,
    goal: `${g.kind === 'min' ? '≥' : '≤'} ${g.limit}`,
    met: g.met ? 'yes' : 'no',
    detail: `${r.seconds} s × ${r.rounds} rounds, latency at ${r.ratePerSecond}/s; CPU per call, servers + FerretDB: ${g.compares.map((rung) => rungCpuText(r, rung)).join('; ')}`,
  }));

const submitRows = (r: SubmitToCaseResult): RatioRow[] => {
  const { samples, ratePerSecond, visibilityEvery, visibilityPollMs } = r.settings;
  const lost = r.load.skipped.submit + r.load.failed.submit;
  const run = `open loop ${ratePerSecond}/s, ${r.submitToCaseOpened.count} of ${samples} samples (fresh plans)${lost > 0 ? `, ${lost} lost` : ''}, baseline interleaved (${r.baseline.count})`;
  const limit = (p: 'p50' | 'p99') => (p === 'p50' ? r.goals.p50Ms : r.goals.p99Ms);
  const busiest = (r.profiles ?? [])
    .map((p) => {
      const work = p.summary.byOrigin.filter((o) => !o.origin.startsWith('(')).slice(0, 3);
      return `${p.app} idle ${Math.round(p.summary.idleShare * 100)} %, busiest ${work.map((o) => `${o.origin} ${Math.round(o.share * 100)} %`).join(', ')}`;
    })
    .join('; ');
  // the platform's CPU per submission (not the load generator's): how many cores the rate needs
  const platformCpuSeconds =
    Object.entries(r.busyCores.processes)
      .filter(([name]) => name !== 'load generator')
      .reduce((sum, [, cores]) => sum + (cores ?? 0), 0) * r.busyCores.seconds;
  const perSubmission = platformCpuSeconds / Math.max(1, r.submitToCaseOpened.count);
  const needs = `the apps and infrastructure used ${Math.round(perSubmission * 1000)} ms of CPU per submission: ${ratePerSecond}/s needs ${Math.round(perSubmission * ratePerSecond * 10) / 10} cores`;
  const cores = `; timed phase: ${describeBusyCores(r.busyCores)}; ${needs}${busiest ? `; profiles (${relative(repoRoot(), dirname(r.profiles?.[0]?.file ?? ''))}): ${busiest}` : ''}`;
  const opened = (['p50', 'p99'] as const).map((p) => ({
    section: '§2 plan.submit → case_opened',
    measure: `${p} ÷ raw two-hop Kafka round trip ${p}`,
    ratio: r.ratios[p],
    goal: `${p} ≤ ${limit(p)} ms`,
    met: r.goals.met[p] ? ('yes' as const) : ('no' as const),
    detail: `${r.submitToCaseOpened[p]} ms vs ${r.baseline[p]} ms; ${run}${p === 'p50' ? cores : ''}`,
  }));
  const visible = r.caseVisible;
  if (!visible) return opened;
  return [
    ...opened,
    ...(['p50', 'p99'] as const).map((p) => ({
      section: '§2 plan.submit → case visible',
      measure: `case.listOpen shows it, ${p} ÷ raw two-hop Kafka round trip ${p}`,
      ratio: ratio(visible.stats[p], r.baseline[p]),
      goal: `${p} ≤ ${limit(p)} ms`,
      met: visible.stats[p] <= limit(p) ? ('yes' as const) : ('no' as const),
      detail: `${visible.stats[p]} ms vs ${r.baseline[p]} ms; every ${visibilityEvery}th sample (${visible.stats.count}), read again ${visibilityPollMs} ms after each answer, or a tenth of the time so far when longer: late by up to one read and that wait (${visible.readsP50} reads at p50)`,
    })),
  ];
};

const relayRows = (r: RelayDrainResult): RatioRow[] => [
  {
    section: '§5 outbox relay drain',
    measure: 'relay events/s ÷ raw kafkajs producer events/s',
    ratio: r.ratio,
    goal: '≥ 0.25',
    met: r.met ? 'yes' : 'no',
    detail: `${r.relay.eventsPerSecond} vs ${r.rawProducer.eventsPerSecond} events/s; ${r.events} events, ${r.tenants} tenants, ${r.eventsPerAggregate} per plan (${r.rawProducer.batchSize} records per request; one per request: ${r.rawProducerOneByOne.eventsPerSecond}/s)${r.cpuProfile ? `; the relay's process idle ${Math.round(r.cpuProfile.idleShare * 100)} % of the drain (waiting for FerretDB and Kafka: ${relative(repoRoot(), r.cpuProfile.file)})` : ''}`,
  },
];

/** §3: one row per operation, p99 at the largest scale ÷ p99 at 1× (history: the slope, no goal). */
const volumeRows = (r: VolumeBenchResult): RatioRow[] => {
  const largest = r.scales.at(-1) as number;
  return r.operations.map((op) => {
    const figures = op.byScale
      .map(
        (b) =>
          `${b.scale}×: ${b.latency.count > 0 ? `p50 ${b.latency.p50} / p99 ${b.latency.p99} ms` : 'no answer'}${b.errors > 0 ? ` (${b.errors} failed: ${b.firstError ?? ''})` : ''}`,
      )
      .join('; ');
    const current = op.state === 'current';
    return {
      section: '§3 flat at volume',
      measure: `${op.name} (${op.state} ${op.kind}) p99 ${largest}× ÷ p99 1×`,
      ratio: op.p99Ratios[`${largest}x`] ?? null,
      goal: current
        ? `≤ ${flatGoal.maxRatio}${op.kind === 'read' ? `, p99 ≤ ${flatGoal.maxReadP99Ms} ms` : ''} (issue: at 16×)`
        : 'slope reported',
      met: op.met === null ? 'n/a' : op.met ? 'yes' : 'no',
      detail: `${figures}${current ? '' : `; slope p50 ${op.slopeMsPerScale.p50 ?? '—'} ms, p99 ${op.slopeMsPerScale.p99 ?? '—'} ms per 3 years`}; ${r.rounds} rounds, ${r.mode}; FerretDB busy ${r.seeded.map((s) => `${s.ferretDbBusyCoresIdle ?? '?'}`).join('/')} cores idle`,
    };
  });
};

const sections: Section[] = [
  {
    id: '1',
    title: 'plan.get ladder',
    run: async (s) => {
      const result = await runPlanGetLadder({
        seconds: s.ladderSeconds,
        rounds: s.ladderRounds,
        connections: 8,
      });
      return { result, rows: ladderRows(result) };
    },
  },
  {
    id: '2',
    title: 'plan.submit → approval.case_opened.v1',
    run: async (s) => {
      const result = await runSubmitToCaseLatency({
        samples: s.samples,
        ratePerSecond: s.rate,
        cpuProfileDir: join(repoRoot(), 'tools/bench/results/submit-profiles'),
      });
      return { result, rows: submitRows(result) };
    },
  },
  {
    // short: 1× and 4× the three-year volume; the long run (16×) is volume-reads-bench.js --scales 1,4,16
    id: '3',
    title: 'flat at volume',
    run: async (s) => {
      const result = await runVolumeBench({
        scales: s.volumeScales,
        rounds: s.volumeRounds,
        mode: 'sequential',
        log: (line) => process.stderr.write(`  ${line}\n`),
      });
      return { result, rows: volumeRows(result) };
    },
  },
  {
    id: '5',
    title: 'outbox relay drain',
    run: async (s) => {
      const result = await runRelayDrain({
        events: s.relayEvents,
        eventsPerAggregate: s.eventsPerAggregate,
        log: (line) => process.stderr.write(`  ${line}\n`),
        // why the relay is slower than its baseline: how much of the drain its process waited
        cpuProfileFile: join(repoRoot(), 'tools/bench/results/relay-drain.cpuprofile'),
      });
      return { result, rows: relayRows(result) };
    },
  },
];

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      sections: { type: 'string', default: sections.map((s) => s.id).join(',') },
      'ladder-seconds': { type: 'string', default: '3' },
      'ladder-rounds': { type: 'string', default: '2' },
      samples: { type: 'string', default: '100' },
      rate: { type: 'string', default: '20' },
      'relay-events': { type: 'string', default: '20000' },
      'per-aggregate': { type: 'string', default: '5' },
      'volume-scales': { type: 'string', default: '1,4' },
      'volume-rounds': { type: 'string', default: '60' },
    },
  });
  const settings: SuiteSettings = {
    ladderSeconds: Number(values['ladder-seconds']),
    ladderRounds: Number(values['ladder-rounds']),
    samples: Number(values.samples),
    rate: Number(values.rate),
    relayEvents: Number(values['relay-events']),
    eventsPerAggregate: Number(values['per-aggregate']),
    volumeScales: values['volume-scales'].split(',').map(Number),
    volumeRounds: Number(values['volume-rounds']),
  };
  const wanted = new Set(values.sections.split(',').map((s) => s.trim().replace(/^§/, '')));
  const unknown = [...wanted].filter((id) => !sections.some((s) => s.id === id));
  if (unknown.length > 0)
    throw new Error(
      `--sections: no section ${unknown.join(', ')} (there are ${sections.map((s) => s.id).join(', ')})`,
    );

  await ensureInfra();
  const startedAt = new Date();
  const before = machineLoad();
  const results: Record<string, unknown> = {};
  const rows: RatioRow[] = [];
  for (const section of sections.filter((s) => wanted.has(s.id))) {
    const name = `§${section.id} ${section.title}`;
    if (!section.run) {
      results[section.id] = { notRun: section.notRunBecause };
      rows.push({
        section: name,
        measure: '—',
        ratio: null,
        goal: '—',
        met: 'not run',
        detail: section.notRunBecause ?? '',
      });
      continue;
    }
    process.stderr.write(`${name} …\n`);
    const sectionStarted = Date.now();
    try {
      const { result, rows: sectionRows } = await section.run(settings);
      results[section.id] = result;
      rows.push(...sectionRows);
    } catch (err) {
      const message = (err as Error).message ?? String(err);
      results[section.id] = { error: (err as Error).stack ?? message };
      rows.push({ section: name, measure: '—', ratio: null, goal: '—', met: 'failed', detail: message });
    }
    process.stderr.write(`${name}: ${Math.round((Date.now() - sectionStarted) / 1000)} s\n`);
  }
  const after = machineLoad();
  const report = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: { before, after },
    settings,
    table: rows,
    results,
  };
  const folder = join(repoRoot(), 'tools/bench/results');
  mkdirSync(folder, { recursive: true });
  const file = join(folder, `bench-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);

  process.stdout.write(
    `\n${before.cores} cores; load average (1 min) ${before.loadAverage1m} at the start, ${after.loadAverage1m} at the end\n\n`,
  );
  process.stdout.write(`${markdownTable(rows)}\n\nresults: ${relative(process.cwd(), file)}\n`);
  if (rows.some((r) => r.met === 'failed')) return 2;
  return rows.some((r) => r.met === 'no') ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(2);
  },
);
