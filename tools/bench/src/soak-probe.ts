/**
 * Bench-only preload (`node --require soak-probe.js main.js`): writes what a soak needs from
 * inside a process to a JSON-lines file, without any code of the service knowing about it.
 *
 * - every SOAK_PROBE_INTERVAL_MS (5 s): RSS, heap, and the event-loop delay of that interval;
 * - on SIGUSR2 (a "mark"): the event-loop delay since the previous mark, then the size and bound
 *   of every bounded cache in the process (`BoundedCache`, `StampedReads`) and the count and
 *   entries of all Maps, found through the inspector (the probe holds no references of its own).
 *
 * The file is `${SOAK_PROBE_DIR}/<app>-<pid>.jsonl`; nothing is written without SOAK_PROBE_DIR.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { Session } from 'node:inspector';
import { basename, dirname, join } from 'node:path';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { getHeapSpaceStatistics } from 'node:v8';

const directory = process.env['SOAK_PROBE_DIR'];

/** apps/<app>/dist/main.js → <app> */
const appName = (): string => basename(dirname(dirname(process.argv[1] ?? 'unknown/dist/x')));

/** the monitor's timer period: it records each period as it ran, so the delay is what exceeds it */
const resolutionMs = 10;

const delayMs = (ns: number): number => Math.max(0, Math.round((ns / 1e6 - resolutionMs) * 100) / 100);

function delayFigures(h: IntervalHistogram) {
  return h.count === 0
    ? { count: 0 }
    : {
        count: h.count,
        p50Ms: delayMs(h.percentile(50)),
        p99Ms: delayMs(h.percentile(99)),
        maxMs: delayMs(h.max),
      };
}

/** A bounded cache as found in the heap: how many entries it holds and how many it may. */
export interface CacheFigure {
  kind: string;
  size: number;
  bound: number;
}

/** What the inspector reports about the caches and Maps of this process at one moment. */
export interface CacheInspection {
  caches: CacheFigure[];
  maps: { count: number; entries: number; largest: number[] };
}

function post<T>(session: Session, method: string, params: object): Promise<T> {
  return new Promise((resolve, reject) =>
    session.post(method, params, (err, result) => (err ? reject(err) : resolve(result as T))),
  );
}

/**
 * The prototypes of the bounded cache classes this process loaded (a class may be loaded from
 * more than one path), read from the module cache rather than required: requiring them here
 * would load them before the instrumentation patches their dependencies.
 */
function cachePrototypes(): Record<string, object[]> {
  const found: Record<string, Set<object>> = { BoundedCache: new Set(), StampedReads: new Set() };
  for (const loaded of Object.values(require.cache)) {
    const exported = loaded?.exports as Record<string, unknown> | undefined;
    if (!exported || typeof exported !== 'object') continue;
    for (const name of Object.keys(found)) {
      const candidate = exported[name];
      if (typeof candidate === 'function' && candidate.prototype) found[name]?.add(candidate.prototype);
    }
  }
  return Object.fromEntries(Object.entries(found).map(([k, v]) => [k, [...v]]));
}

/** size and bound of each instance, read by the same function inside the inspected process */
const describe: Record<string, string> = {
  BoundedCache: 'function () { return JSON.stringify(this.map((c) => [c.entries.size, c.capacity])); }',
  StampedReads:
    'function () { return JSON.stringify(this.map((c) => [c.entries.size, (c.options && c.options.maxEntries) || 256])); }',
  Map: `function () {
    const sizes = this.map((m) => m.size).sort((a, b) => b - a);
    return JSON.stringify({ count: sizes.length, entries: sizes.reduce((n, s) => n + s, 0), largest: sizes.slice(0, 5) });
  }`,
};

async function inspectCaches(): Promise<CacheInspection> {
  const session = new Session();
  session.connect();
  const holder = globalThis as { __soakProbePrototypes?: object[] };
  try {
    const instancesOf = async (prototype: object, how: string): Promise<string> => {
      holder.__soakProbePrototypes = [prototype];
      const proto = await post<{ result: { objectId: string } }>(session, 'Runtime.evaluate', {
        expression: 'globalThis.__soakProbePrototypes[0]',
        objectGroup: 'soak-probe',
      });
      const objects = await post<{ objects: { objectId: string } }>(session, 'Runtime.queryObjects', {
        prototypeObjectId: proto.result.objectId,
        objectGroup: 'soak-probe',
      });
      const described = await post<{ result: { value: string } }>(session, 'Runtime.callFunctionOn', {
        objectId: objects.objects.objectId,
        functionDeclaration: how,
        returnByValue: true,
      });
      await post(session, 'Runtime.releaseObjectGroup', { objectGroup: 'soak-probe' });
      return described.result.value;
    };
    const caches: CacheFigure[] = [];
    for (const [kind, prototypes] of Object.entries(cachePrototypes())) {
      for (const prototype of prototypes) {
        const pairs = JSON.parse(await instancesOf(prototype, describe[kind] as string)) as [
          number,
          number,
        ][];
        caches.push(...pairs.map(([size, bound]) => ({ kind, size, bound })));
      }
    }
    const maps = JSON.parse(
      await instancesOf(Map.prototype, describe['Map'] as string),
    ) as CacheInspection['maps'];
    return { caches, maps };
  } finally {
    delete holder.__soakProbePrototypes;
    session.disconnect();
  }
}

/** node_modules/@scope/name/… → @scope/name; the repository's own files → their package folder */
function packageOf(file: string): string {
  const at = file.lastIndexOf('node_modules/');
  if (at >= 0) {
    const [first, second] = file.slice(at + 'node_modules/'.length).split('/');
    return first?.startsWith('@') ? `${first}/${second}` : (first ?? 'other');
  }
  const own = /\/(apps|packages\/platform|packages|tools)\/([^/]+)\//.exec(file);
  return own ? `${own[1]}/${own[2]}` : 'other';
}

/** What the process loaded, by package (the packages with most modules first), and its heap by space. */
export function loadedSummary() {
  const counts = new Map<string, number>();
  for (const file of Object.keys(require.cache))
    counts.set(packageOf(file), (counts.get(packageOf(file)) ?? 0) + 1);
  return {
    modules: Object.keys(require.cache).length,
    packages: counts.size,
    topPackages: [...counts].sort((a, b) => b[1] - a[1]).slice(0, 15),
    heapSpacesMb: Object.fromEntries(
      getHeapSpaceStatistics().map((s) => [
        s.space_name,
        Math.round((s.space_used_size / 1048576) * 10) / 10,
      ]),
    ),
  };
}

function startProbe(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${appName()}-${process.pid}.jsonl`);
  const write = (line: object) => appendFileSync(file, `${JSON.stringify({ at: Date.now(), ...line })}\n`);
  const interval = Number(process.env['SOAK_PROBE_INTERVAL_MS'] ?? 5000);
  // one monitor per interval, one from mark to mark (histograms of the monitor cannot be merged)
  const delay = monitorEventLoopDelay({ resolution: resolutionMs });
  const sinceMark = monitorEventLoopDelay({ resolution: resolutionMs });
  delay.enable();
  sinceMark.enable();

  const sample = () => {
    const memory = process.memoryUsage();
    write({
      kind: 'sample',
      rss: memory.rss,
      heapUsed: memory.heapUsed,
      external: memory.external,
      eventLoopDelay: delayFigures(delay),
    });
    delay.reset();
  };
  setInterval(sample, interval).unref();

  let marking = false;
  process.on('SIGUSR2', () => {
    if (marking) return;
    marking = true;
    write({
      kind: 'mark',
      rss: process.memoryUsage().rss,
      eventLoopDelay: delayFigures(sinceMark),
      loaded: loadedSummary(),
    });
    inspectCaches()
      .then((inspection) => write({ kind: 'caches', ...inspection }))
      .catch((err: Error) => write({ kind: 'caches', error: err.message }))
      .finally(() => {
        // the inspection walks the heap: its pause belongs to the probe, not to the service
        delay.reset();
        sinceMark.reset();
        marking = false;
      });
  });
  write({ kind: 'start', app: appName(), pid: process.pid, intervalMs: interval });
}

if (directory) startProbe(directory);
