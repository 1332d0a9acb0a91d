/**
 * Bench-only preload (`node --require soak-probe.js main.js`): writes what a soak needs from
 * inside a process to a JSON-lines file, without any code of the service knowing about it.
 *
 * - every SOAK_PROBE_INTERVAL_MS (5 s): RSS, heap, and the event-loop delay of that interval;
 * - on SIGUSR2 (a "mark"): the event-loop delay since the previous mark, what the process loaded,
 *   and the size and bound of every bounded cache (`BoundedCache`, `StampedReads`) that took an
 *   entry since the probe found its class (held weakly).
 *
 * - with SOAK_HEAP_SNAPSHOTS=1, a V8 heap snapshot at each mark, after the mark's figures (the
 *   pause and the collection it forces are not in them), beside the lines:
 *   `<app>-<pid>-mark<n>.heapsnapshot`.
 *
 * The file is `${SOAK_PROBE_DIR}/<app>-<pid>.jsonl`; nothing is written without SOAK_PROBE_DIR.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { getHeapSpaceStatistics, writeHeapSnapshot } from 'node:v8';

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

/** A bounded cache: how many entries it holds and how many it may. */
export interface CacheFigure {
  kind: string;
  size: number;
  bound: number;
}

/** The bounded caches of this process at one moment. */
export interface CacheInspection {
  caches: CacheFigure[];
}

/**
 * The prototypes of the bounded cache classes this process loaded (a class may be loaded from
 * more than one path), read from the module cache rather than required: requiring them here
 * would load them before the instrumentation patches their dependencies.
 */
function cachePrototypes(): [CacheKind, Record<string, unknown>][] {
  const found: [CacheKind, Record<string, unknown>][] = [];
  for (const loaded of Object.values(require.cache)) {
    const exported = loaded?.exports as Record<string, unknown> | undefined;
    if (!exported || typeof exported !== 'object') continue;
    for (const kind of Object.keys(writeMethod) as CacheKind[]) {
      const candidate = exported[kind];
      if (typeof candidate === 'function' && candidate.prototype) found.push([kind, candidate.prototype]);
    }
  }
  return found;
}

type CacheKind = 'BoundedCache' | 'StampedReads';
/** the method through which each kind of cache takes a new entry */
const writeMethod: Record<CacheKind, string> = { BoundedCache: 'set', StampedReads: 'read' };
const boundOf: Record<CacheKind, (cache: CacheInternals) => number> = {
  BoundedCache: (c) => c.capacity ?? Number.NaN,
  StampedReads: (c) => c.options?.maxEntries ?? 256,
};
interface CacheInternals {
  entries: Map<unknown, unknown>;
  capacity?: number;
  options?: { maxEntries?: number };
}

/**
 * Every cache that took an entry since its class was found: its write method is wrapped to note
 * the instance (weakly). A cache nobody writes to cannot grow, so it need not be seen. No heap
 * walk: an inspection through the inspector paused a loaded service for tens of seconds.
 */
const caches: { kind: CacheKind; cache: WeakRef<CacheInternals> }[] = [];
const noted = new WeakSet<object>();
const wrapped = new WeakSet<object>();

function watchCaches(): void {
  for (const [kind, prototype] of cachePrototypes()) {
    if (wrapped.has(prototype)) continue;
    wrapped.add(prototype);
    const original = prototype[writeMethod[kind]] as (...args: unknown[]) => unknown;
    prototype[writeMethod[kind]] = function (this: CacheInternals, ...args: unknown[]) {
      if (!noted.has(this)) {
        noted.add(this);
        caches.push({ kind, cache: new WeakRef(this) });
      }
      return original.apply(this, args);
    };
  }
}

function inspectCaches(): CacheFigure[] {
  return caches.flatMap(({ kind, cache }) => {
    const alive = cache.deref();
    return alive ? [{ kind, size: alive.entries.size, bound: boundOf[kind](alive) }] : [];
  });
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
    watchCaches();
  };
  setInterval(sample, interval).unref();

  let marks = 0;
  process.on('SIGUSR2', () => {
    watchCaches();
    marks += 1;
    write({
      kind: 'mark',
      rss: process.memoryUsage().rss,
      eventLoopDelay: delayFigures(sinceMark),
      loaded: loadedSummary(),
    });
    if (process.env['SOAK_HEAP_SNAPSHOTS'] === '1') {
      const snapshot = writeHeapSnapshot(join(dir, `${appName()}-${process.pid}-mark${marks}.heapsnapshot`));
      // the snapshot collected garbage first: what is left is what the process holds
      write({ kind: 'heap-snapshot', file: snapshot, heapUsedAfter: process.memoryUsage().heapUsed });
    }
    write({ kind: 'caches', caches: inspectCaches() });
    delay.reset();
    sinceMark.reset();
  });
  write({ kind: 'start', app: appName(), pid: process.pid, intervalMs: interval });
}

if (directory) startProbe(directory);
