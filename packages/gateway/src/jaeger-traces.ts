import { AppError } from '@tradepilot/service-kit';

/** Jaeger's query API (v1 JSON), as much of it as the operators' trace screens read. */
interface JaegerSpan {
  traceID: string;
  spanID: string;
  operationName: string;
  processID: string;
  startTime: number;
  duration: number;
  references?: { refType: string; spanID: string }[];
  tags?: { key: string; type?: string; value: unknown }[];
  logs?: { timestamp: number; fields: { key: string; value: unknown }[] }[];
}
interface JaegerTrace {
  traceID: string;
  spans: JaegerSpan[];
  processes: Record<string, { serviceName: string }>;
}

export interface TraceSummary {
  traceId: string;
  rootService: string;
  rootOperation: string;
  startedAt: string;
  durationMs: number;
  spanCount: number;
  services: string[];
  errorCount: number;
  tenant: string | null;
}

export interface WaterfallSpan {
  spanId: string;
  parentSpanId: string | null;
  depth: number;
  service: string;
  operation: string;
  /** from the start of the trace */
  offsetMs: number;
  durationMs: number;
  error: boolean;
  attributes: { key: string; value: string }[];
  events: { offsetMs: number; fields: { key: string; value: string }[] }[];
}

export interface TraceWaterfall extends TraceSummary {
  spans: WaterfallSpan[];
}

const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
const isError = (s: JaegerSpan) =>
  (s.tags ?? []).some(
    (t) => (t.key === 'error' && t.value === true) || (t.key === 'otel.status_code' && t.value === 'ERROR'),
  );
const parentOf = (s: JaegerSpan) => s.references?.find((r) => r.refType === 'CHILD_OF')?.spanID ?? null;

const jaegerUnavailable = (reason: string) =>
  new AppError(
    'INTERNAL_SERVER_ERROR',
    'TRACE_STORE_UNAVAILABLE',
    { 'zh-CN': '链路追踪存储（Jaeger）暂时无法访问', en: 'The trace store (Jaeger) cannot be reached now' },
    { reason },
  );
const notConfigured = () =>
  new AppError('NOT_FOUND', 'TRACE_STORE_NOT_CONFIGURED', {
    'zh-CN': '网关未配置 JAEGER_QUERY_URL，无法查询链路',
    en: 'The gateway has no JAEGER_QUERY_URL: traces cannot be read',
  });
const traceNotFound = (id: string) =>
  new AppError('NOT_FOUND', 'TRACE_NOT_FOUND', {
    'zh-CN': `没有找到链路 ${id}（可能尚未上报或已过期）`,
    en: `There is no trace ${id} (not reported yet, or expired)`,
  });

export function summarise(trace: JaegerTrace): TraceSummary {
  const spans = [...trace.spans].sort((a, b) => a.startTime - b.startTime);
  const ids = new Set(spans.map((s) => s.spanID));
  const root = spans.find((s) => !parentOf(s) || !ids.has(parentOf(s) as string)) ?? spans[0];
  const start = spans[0]?.startTime ?? 0;
  const end = Math.max(...spans.map((s) => s.startTime + s.duration), start);
  const serviceOf = (s: JaegerSpan) => trace.processes[s.processID]?.serviceName ?? '?';
  const tenant = spans
    .flatMap((s) => s.tags ?? [])
    .find((t) => t.key === 'tradepilot.tenant' && typeof t.value === 'string')?.value as string | undefined;
  return {
    traceId: trace.traceID,
    rootService: root ? serviceOf(root) : '?',
    rootOperation: root?.operationName ?? '?',
    startedAt: new Date(start / 1000).toISOString(),
    durationMs: (end - start) / 1000,
    spanCount: spans.length,
    services: [...new Set(spans.map(serviceOf))].sort(),
    errorCount: spans.filter(isError).length,
    tenant: tenant ?? null,
  };
}

/** The spans in tree order (each after its parent), with their depth and offsets for a waterfall. */
export function waterfall(trace: JaegerTrace): TraceWaterfall {
  const spans = [...trace.spans].sort((a, b) => a.startTime - b.startTime);
  const start = spans[0]?.startTime ?? 0;
  const ids = new Set(spans.map((s) => s.spanID));
  const children = new Map<string | null, JaegerSpan[]>();
  for (const s of spans) {
    const parent = parentOf(s);
    const key = parent && ids.has(parent) ? parent : null;
    children.set(key, [...(children.get(key) ?? []), s]);
  }
  const ordered: WaterfallSpan[] = [];
  const visit = (parent: string | null, depth: number) => {
    for (const s of children.get(parent) ?? []) {
      ordered.push({
        spanId: s.spanID,
        parentSpanId: parentOf(s),
        depth,
        service: trace.processes[s.processID]?.serviceName ?? '?',
        operation: s.operationName,
        offsetMs: (s.startTime - start) / 1000,
        durationMs: s.duration / 1000,
        error: isError(s),
        attributes: (s.tags ?? []).map((t) => ({ key: t.key, value: text(t.value) })),
        events: (s.logs ?? []).map((l) => ({
          offsetMs: (l.timestamp - start) / 1000,
          fields: l.fields.map((f) => ({ key: f.key, value: text(f.value) })),
        })),
      });
      // depth is bounded by the trace itself; a cycle cannot occur in a tree keyed by unique ids
      visit(s.spanID, depth + 1);
    }
  };
  visit(null, 0);
  return { ...summarise(trace), spans: ordered };
}

export interface TraceSearch {
  service: string;
  tenant?: string | undefined;
  errorsOnly: boolean;
  lookbackMinutes: number;
  limit: number;
}

/** Reads traces from Jaeger's query API for operators. */
export class JaegerTraces {
  constructor(
    private readonly queryUrl: string | undefined,
    private readonly timeoutMs = 5000,
  ) {}

  private async get<T>(path: string): Promise<T | undefined> {
    if (!this.queryUrl) throw notConfigured();
    let res: Response;
    try {
      res = await fetch(`${this.queryUrl}${path}`, { signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (err) {
      throw jaegerUnavailable(String(err));
    }
    if (res.status === 404) return undefined;
    if (!res.ok) throw jaegerUnavailable(`HTTP ${res.status}`);
    return (await res.json()) as T;
  }

  async services(): Promise<string[]> {
    const body = await this.get<{ data: string[] | null }>('/api/services');
    return [...(body?.data ?? [])].sort();
  }

  async search(query: TraceSearch): Promise<TraceSummary[]> {
    const tags: Record<string, string> = {};
    if (query.errorsOnly) tags['error'] = 'true';
    if (query.tenant) tags['tradepilot.tenant'] = query.tenant;
    const params = new URLSearchParams({
      service: query.service,
      limit: String(query.limit),
      lookback: `${query.lookbackMinutes}m`,
      start: String((Date.now() - query.lookbackMinutes * 60_000) * 1000),
      end: String(Date.now() * 1000),
      ...(Object.keys(tags).length > 0 ? { tags: JSON.stringify(tags) } : {}),
    });
    const body = await this.get<{ data: JaegerTrace[] | null }>(`/api/traces?${params}`);
    return (body?.data ?? [])
      .map(summarise)
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  }

  async trace(traceId: string): Promise<TraceWaterfall> {
    const body = await this.get<{ data: JaegerTrace[] | null }>(`/api/traces/${traceId}`);
    const found = body?.data?.[0];
    if (!found || found.spans.length === 0) throw traceNotFound(traceId);
    return waterfall(found);
  }
}
