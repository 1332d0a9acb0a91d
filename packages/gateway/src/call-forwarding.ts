import { trace } from '@opentelemetry/api';
import type { Principal } from '@tradepilot/auth';
import type { OwningService, ProcedurePolicy, Role } from '@tradepilot/contracts';
import { AppError } from '@tradepilot/service-kit';
import type { Logger } from '@tradepilot/telemetry';
import type { AnyRouter } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { RequestHandler } from 'express';
import type { AuditLog } from './audit-log';
import { admitCall, auditUnavailable, serviceUnavailable } from './call-admission';
import { consoleSessionOf, type ConsoleSession } from './console-session';
import type { RemoteService, ServiceClient } from './service-client';
import {
  batchRequest,
  errorItem,
  parseTrpcRequest,
  responseStatus,
  type TrpcCall,
  type TrpcResultItem,
} from './trpc-wire';

export interface ForwardingOptions {
  client: ServiceClient;
  /** the gateway's own procedures, answered in process */
  ownRouter: AnyRouter;
  audit: AuditLog;
  logger: Logger;
}

interface AdmittedCall extends TrpcCall {
  policy: ProcedurePolicy;
  actingRole: Role | null;
}

/**
 * The public /trpc endpoint (after the quota gate): each call is admitted (policy table, tenant), grouped by the service that owns it, sent there as one
 * batch with an internal token for that service (the trace context travels with the fetch),
 * cross-province calls are put on the record, and the answers go back in the caller's order.
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
    const consoleSession = consoleSessionOf(req);

    const results: TrpcResultItem[] = new Array(parsed.calls.length);
    const groups = new Map<OwningService, AdmittedCall[]>();
    for (const call of parsed.calls) {
      const admission = admitCall(call.path, call.input, principal);
      if (!admission.admitted) {
        results[call.index] = errorItem(call.path, admission.error, traceId);
        continue;
      }
      const group = groups.get(admission.policy.service) ?? [];
      group.push({ ...call, policy: admission.policy, actingRole: admission.actingRole });
      groups.set(admission.policy.service, group);
    }

    await Promise.all(
      [...groups].map(async ([service, calls]) => {
        const answers =
          service === 'gateway'
            ? await answerLocally(options.ownRouter, parsed.method, calls, {
                principal,
                traceId,
                clientAddress: req.ip,
                consoleSession: consoleSession.session,
              })
            : await forward(options, service, parsed.method, calls, principal as Principal, traceId);
        await Promise.all(
          calls.map(async (call, i) => {
            const answer = answers[i] as TrpcResultItem;
            results[call.index] = (await onRecord(options, call, parsed.method, principal, answer, traceId))
              ? answer
              : errorItem(call.path, auditUnavailable(), traceId);
          }),
        );
      }),
    );
    consoleSession.apply(res);
    res.status(responseStatus(results)).json(parsed.batch ? results : results[0]);
  };
}

/** Writes the call to the audit log when its policy asks for it; false if that failed. */
async function onRecord(
  options: ForwardingOptions,
  call: AdmittedCall,
  method: 'GET' | 'POST',
  principal: Principal | null,
  answer: TrpcResultItem,
  traceId: string | null,
): Promise<boolean> {
  if (!principal || !call.actingRole) return true;
  try {
    await options.audit.record({
      principal,
      actingRole: call.actingRole,
      procedure: call.path,
      type: method === 'GET' ? 'query' : 'mutation',
      policy: call.policy,
      input: call.input,
      output: 'result' in answer ? answer.result.data : undefined,
      errorCode: 'error' in answer ? answer.error.data.appCode : null,
      traceId,
      via: 'trpc',
    });
    return true;
  } catch (err) {
    options.logger.error({ err, path: call.path }, 'audit record failed: answer withheld');
    return false;
  }
}

async function forward(
  options: ForwardingOptions,
  service: RemoteService,
  method: 'GET' | 'POST',
  calls: TrpcCall[],
  principal: Principal,
  traceId: string | null,
): Promise<TrpcResultItem[]> {
  const { url, body } = batchRequest('/trpc', method, calls);
  try {
    const answer = await options.client.request(service, principal, {
      method,
      path: url,
      ...(body !== undefined ? { body } : {}),
    });
    if (!answer) return calls.map((c) => errorItem(c.path, serviceUnavailable(service), traceId));
    if (Array.isArray(answer.body) && answer.body.length === calls.length)
      return answer.body as TrpcResultItem[];
    options.logger.error({ service, status: answer.status }, 'service answered a batch with something else');
    return calls.map((c) => errorItem(c.path, serviceUnavailable(service), traceId));
  } catch (err) {
    options.logger.warn({ err, service }, 'service unreachable');
    return calls.map((c) => errorItem(c.path, serviceUnavailable(service), traceId));
  }
}

async function answerLocally(
  router: AnyRouter,
  method: 'GET' | 'POST',
  calls: TrpcCall[],
  context: {
    principal: Principal | null;
    traceId: string | null;
    clientAddress: string | undefined;
    consoleSession: ConsoleSession;
  },
): Promise<TrpcResultItem[]> {
  const { principal, traceId, clientAddress, consoleSession } = context;
  const { url, body } = batchRequest('http://gateway.internal/trpc', method, calls);
  const response = await fetchRequestHandler({
    endpoint: '/trpc',
    router,
    req: new Request(url, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body !== undefined ? { body } : {}),
    }),
    createContext: () => ({ principal, traceId, consoleSession, ...(clientAddress ? { clientAddress } : {}) }),
  });
  return (await response.json()) as TrpcResultItem[];
}
