import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';

/** The parts of a V8 `.cpuprofile` a summary reads. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
  /** µs on the machine's monotonic clock (V8's and Node's hrtime: comparable across processes) */
  startTime?: number;
  endTime?: number;
}

/**
 * The samples of a profile taken between `fromUs` and `toUs` on the monotonic clock
 * (`process.hrtime.bigint() / 1000n` in any process of the machine): a `--cpu-prof` of a whole
 * app's life cut to the phase a benchmark timed.
 */
export function profileWindow(profile: CpuProfile, fromUs: number, toUs: number): CpuProfile {
  let at = profile.startTime ?? 0;
  const samples: number[] = [];
  const timeDeltas: number[] = [];
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at > fromUs && at <= toUs) {
      samples.push(id);
      timeDeltas.push(delta);
    }
  });
  return { nodes: profile.nodes, samples, timeDeltas, startTime: fromUs, endTime: toUs };
}

export interface ProfileSummary {
  totalMs: number;
  /** the process waited (for FerretDB, Kafka, timers): its share of the profiled time */
  idleShare: number;
  gcShare: number;
  /** self time by where the code comes from: a package of ours, a dependency, node itself */
  byOrigin: { origin: string; share: number }[];
  topFunctions: { name: string; origin: string; share: number }[];
}

/** Where a frame's code lives: `@tradepilot/messaging`, `kafkajs`, `node`, `(idle)`, … */
export function frameOrigin(url: string, functionName: string): string {
  if (['(idle)', '(garbage collector)', '(program)'].includes(functionName)) return functionName;
  if (!url) return 'native';
  if (url.startsWith('node:')) return 'node';
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (dependency) return dependency[1] as string;
  const ours = /\/(packages(?:\/platform)?|tools|apps)\/([^/]+)\//.exec(url);
  if (ours) return `@tradepilot/${ours[2]}`;
  return 'other';
}

/** Self time per frame, grouped: how much was waiting, and what ran. */
export function summariseProfile(profile: CpuProfile, top = 12): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let totalUs = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    totalUs += us;
    self.set(id, (self.get(id) ?? 0) + us);
  });
  const origins = new Map<string, number>();
  const functions = new Map<string, { origin: string; us: number }>();
  for (const [id, us] of self) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    const origin = frameOrigin(frame.url, frame.functionName);
    origins.set(origin, (origins.get(origin) ?? 0) + us);
    const file = frame.url.split('/').slice(-1)[0] ?? '';
    const name = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
    const entry = functions.get(name) ?? { origin, us: 0 };
    entry.us += us;
    functions.set(name, entry);
  }
  const share = (us: number) => Math.round((us / Math.max(totalUs, 1)) * 1000) / 1000;
  return {
    totalMs: Math.round(totalUs / 1000),
    idleShare: share(origins.get('(idle)') ?? 0),
    gcShare: share(origins.get('(garbage collector)') ?? 0),
    byOrigin: [...origins]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([origin, us]) => ({ origin, share: share(us) })),
    topFunctions: [...functions]
      .filter(([, f]) => !f.origin.startsWith('('))
      .sort((a, b) => b[1].us - a[1].us)
      .slice(0, top)
      .map(([name, f]) => ({ name, origin: f.origin, share: share(f.us) })),
  };
}

/**
 * Profiles this process while `phase` runs (the inspector's sampling profiler, as `--cpu-prof`
 * does for a whole run) and writes the `.cpuprofile` to `file` (open it in Chrome DevTools).
 */
export async function profiled<T>(
  file: string,
  phase: () => Promise<T>,
): Promise<{ result: T; summary: ProfileSummary }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  try {
    const result = await phase();
    const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
    writeFileSync(file, JSON.stringify(profile));
    return { result, summary: summariseProfile(profile) };
  } finally {
    session.disconnect();
  }
}
