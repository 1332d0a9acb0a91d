import type { Principal } from '@tradepilot/auth';
import { procedure, router } from '@tradepilot/service-kit';
import type { Logger } from '@tradepilot/telemetry';
import { z } from 'zod';
import type { ProcedureCatalog } from './procedure-catalog';
import type { RemoteService, ServiceClient } from './service-client';
import type { TrpcResultItem } from './trpc-wire';

/** A service's national projection procedure is named `<aggregate>.nationalSummary`. */
export const nationalSummarySuffix = '.nationalSummary';

export type OverviewPart =
  | { service: RemoteService; status: 'available'; procedure: string; summary: unknown }
  | {
      service: RemoteService;
      status: 'unavailable';
      procedure: string | null;
      reason: 'NOT_PROVIDED' | 'UNREACHABLE' | 'FAILED';
      appCode?: string;
    };

export interface NationalOverviewDeps {
  catalog: ProcedureCatalog;
  client: ServiceClient;
  logger: Logger;
  timeoutMs: number;
  now: () => Date;
}

/**
 * The ministry's one-call national picture: every deployed service's national projection,
 * fetched in parallel. A service that is down, slow, or has no projection yet is reported as
 * unavailable with the reason; the others still answer.
 */
export function nationalRouter(deps: NationalOverviewDeps) {
  const part = async (
    service: RemoteService,
    principal: Principal,
    procedures: string[],
  ): Promise<OverviewPart> => {
    const path = procedures[0];
    if (!path) return { service, status: 'unavailable', procedure: null, reason: 'NOT_PROVIDED' };
    try {
      const answer = await deps.client.request(service, principal, {
        method: 'GET',
        path: `/trpc/${encodeURIComponent(path)}?input=${encodeURIComponent('{}')}`,
        timeoutMs: deps.timeoutMs,
      });
      const item = answer?.body as TrpcResultItem | undefined;
      if (item && 'result' in item)
        return { service, status: 'available', procedure: path, summary: item.result.data };
      const appCode = item && 'error' in item ? item.error.data.appCode : `HTTP_${answer?.status ?? 'NONE'}`;
      const reason = appCode === 'NOT_FOUND' || appCode === 'NOT_IN_POLICY' ? 'NOT_PROVIDED' : 'FAILED';
      return { service, status: 'unavailable', procedure: path, reason, appCode };
    } catch (err) {
      deps.logger.warn({ err, service, path }, 'national summary unavailable');
      return { service, status: 'unavailable', procedure: path, reason: 'UNREACHABLE' };
    }
  };

  return router({
    overview: procedure.input(z.strictObject({}).default({})).query(async ({ ctx }) => {
      const entries = await deps.catalog.services();
      const parts = await Promise.all(
        deps.client.configured().map((service) => {
          const entry = entries.find((e) => e.service === service);
          const summaries = (entry?.description?.procedures ?? [])
            .filter((p) => p.type === 'query' && p.path.endsWith(nationalSummarySuffix))
            .map((p) => p.path);
          if (!entry?.available && summaries.length === 0)
            return { service, status: 'unavailable', procedure: null, reason: 'UNREACHABLE' } as OverviewPart;
          return part(service, ctx.principal, summaries);
        }),
      );
      return {
        generatedAt: deps.now().toISOString(),
        complete: parts.every((p) => p.status === 'available'),
        parts,
      };
    }),
  });
}
