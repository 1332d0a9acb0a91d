import { trace } from '@opentelemetry/api';
import { internalTokenHeader, type InternalTokenSigner, type Principal } from '@tradepilot/auth';
import type { OwningService } from '@tradepilot/contracts';
import { AppError, decidePolicy } from '@tradepilot/service-kit';
import type { Logger } from '@tradepilot/telemetry';
import type { AnyRouter } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { RequestHandler } from 'express';
import {
  batchRequest,
  errorItem,
  parseTrpcRequest,
  responseStatus,
  type TrpcCall,
  type TrpcResultItem,
} from './trpc-wire';

export interface ForwardingOptions {
  /** base URL of each service that is deployed, e.g. http://plans:3001 */
  services: Partial<Record<Exclude<OwningService, 'gateway'>, string>>;
  signer: InternalTokenSigner;
  /** the gateway's own procedures, answered in process */
  ownRouter: AnyRouter;
  logger: Logger;
  timeoutMs: number;
}

const unavailable = (service: string) =>
  new AppError('SERVICE_UNAVAILABLE', 'SERVICE_UNAVAILABLE', {
    'zh-CN': `${service} 服务暂时不可用，请稍后再试`,
    en: `The ${service} service is unavailable; try again shortly`,
  });

/**
 * The public /trpc endpoint: each call is authorised against the policy table, grouped by the
 * service that owns it, sent there as one batch with an internal token for that service (the
 * trace context travels with the fetch), and the answers are put back in the caller's order.
 */
export function trpcForwarding(options: ForwardingOptions): RequestHandler {
  return async (req, res) => {
    const traceId = trace.getActiveSpan()?.spanContext().traceId ?? null;
    const parsed = parseTrpcRequest(
      req.method,
      req.path.replace(/^\//, ''),
      req.query as Record<string, unknown>,
      req.body,
    );
    if ('problem' in parsed) {
      const error = new AppError('BAD_REQUEST', 'MALFORMED_TRPC_REQUEST', {
        'zh-CN': `请求格式不正确：${parsed.problem}`,
        en: `Malformed request: ${parsed.problem}`,
      });
      res.status(400).json(errorItem(req.path, error, traceId));
      return;
    }
    const principal = (res.locals['principal'] as Principal | undefined) ?? null;
    const results: TrpcResultItem[] = new Array(parsed.calls.length);
    const groups = new Map<OwningService, TrpcCall[]>();
    for (const call of parsed.calls) {
      const decision = decidePolicy(call.path, principal);
      if (!decision.allowed) {
        results[call.index] = errorItem(call.path, decision.error, traceId);
        continue;
      }
      const group = groups.get(decision.policy.service) ?? [];
      group.push(call);
      groups.set(decision.policy.service, group);
    }

    await Promise.all(
      [...groups].map(async ([service, calls]) => {
        const answers =
          service === 'gateway'
            ? await answerLocally(options.ownRouter, parsed.method, calls, principal, traceId)
            : await forward(options, service, parsed.method, calls, principal as Principal, traceId);
        calls.forEach((call, i) => (results[call.index] = answers[i] as TrpcResultItem));
      }),
    );
    res.status(responseStatus(results)).json(parsed.batch ? results : results[0]);
  };
}

async function forward(
  options: ForwardingOptions,
  service: Exclude<OwningService, 'gateway'>,
  method: 'GET' | 'POST',
  calls: TrpcCall[],
  principal: Principal,
  traceId: string | null,
): Promise<TrpcResultItem[]> {
  const base = options.services[service];
  if (!base) return calls.map((c) => errorItem(c.path, unavailable(service), traceId));
  const { url, body } = batchRequest(`${base}/trpc`, method, calls);
  try {
    const response = await fetch(url, {
      method,
      headers: {
        'content-type': 'application/json',
        [internalTokenHeader]: await options.signer.sign(principal, service),
      },
      ...(body !== undefined ? { body } : {}),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const answer = (await response.json()) as unknown;
    if (Array.isArray(answer) && answer.length === calls.length) return answer as TrpcResultItem[];
    options.logger.error(
      { service, status: response.status },
      'service answered a batch with something else',
    );
    return calls.map((c) => errorItem(c.path, unavailable(service), traceId));
  } catch (err) {
    options.logger.warn({ err, service }, 'service unreachable');
    return calls.map((c) => errorItem(c.path, unavailable(service), traceId));
  }
}

async function answerLocally(
  router: AnyRouter,
  method: 'GET' | 'POST',
  calls: TrpcCall[],
  principal: Principal | null,
  traceId: string | null,
): Promise<TrpcResultItem[]> {
  const { url, body } = batchRequest('http://gateway.internal/trpc', method, calls);
  const response = await fetchRequestHandler({
    endpoint: '/trpc',
    router,
    req: new Request(url, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body !== undefined ? { body } : {}),
    }),
    createContext: () => ({ principal, traceId }),
  });
  return (await response.json()) as TrpcResultItem[];
}
