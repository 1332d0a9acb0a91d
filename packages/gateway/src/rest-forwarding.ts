import { trace } from '@opentelemetry/api';
import type { Principal } from '@tradepilot/auth';
import { AppError, internalRestBase, restErrorBody, t, type RestErrorBody } from '@tradepilot/service-kit';
import type { Logger } from '@tradepilot/telemetry';
import { getTRPCErrorFromUnknown, type AnyRouter, type TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { Request, RequestHandler } from 'express';
import type { AuditLog } from './audit-log';
import { admitCall, auditUnavailable, serviceUnavailable } from './call-admission';
import { withIdempotencyKey } from './idempotency-header';
import type { CatalogProcedure, ProcedureCatalog } from './procedure-catalog';
import type { ServiceClient } from './service-client';

export interface RestForwardingOptions {
  catalog: ProcedureCatalog;
  client: ServiceClient;
  ownRouter: AnyRouter;
  audit: AuditLog;
  logger: Logger;
}

const callerFactory = (router: AnyRouter) => t.createCallerFactory(router);

/** The input of a REST call: the query string for GET (text values, each once), else the body. */
function restInput(req: Request): { input: unknown } | { error: AppError } {
  if (req.method !== 'GET' && req.method !== 'DELETE') return { input: req.body };
  const entries = Object.entries(req.query);
  for (const [name, value] of entries) {
    if (typeof value !== 'string') {
      return {
        error: new AppError('BAD_REQUEST', 'INVALID_QUERY_PARAMETER', {
          'zh-CN': `查询参数 ${name} 只能出现一次且须为文本`,
          en: `query parameter ${name} must appear once, as text`,
        }),
      };
    }
  }
  return { input: entries.length > 0 ? Object.fromEntries(entries) : undefined };
}

/**
 * The public REST API (/api/…, described by /openapi.json): each path is the route a service
 * published for one procedure. The call is admitted exactly like a tRPC call (policy table,
 * tenant; quotas before, in the quota gate), forwarded to the owning service's REST endpoint with an internal token, and
 * put on the record when it reaches across provinces.
 */
export function restForwarding(options: RestForwardingOptions): RequestHandler {
  const ownCaller = callerFactory(options.ownRouter);
  return async (req, res) => {
    const traceId = trace.getActiveSpan()?.spanContext().traceId ?? null;
    const principal = (res.locals['principal'] as Principal | undefined) ?? null;
    const fail = (error: TRPCError) => {
      res.status(getHTTPStatusCodeFromError(error)).json(restErrorBody(error, traceId));
    };

    const route = await options.catalog.route(req.method, req.path);
    if (!route.procedure) {
      return fail(
        route.methods.length > 0
          ? new AppError('METHOD_NOT_SUPPORTED', 'METHOD_NOT_ALLOWED', {
              'zh-CN': `${req.path} 不支持 ${req.method}，请用 ${route.methods.join('/')}`,
              en: `${req.path} does not accept ${req.method}; use ${route.methods.join('/')}`,
            })
          : new AppError('NOT_FOUND', 'ROUTE_NOT_FOUND', {
              'zh-CN': `没有接口 ${req.path}`,
              en: `There is no endpoint ${req.path}`,
            }),
      );
    }
    const procedure = route.procedure;
    const given = restInput(req);
    if ('error' in given) return fail(given.error);
    const read = withIdempotencyKey(req, procedure, given.input);
    if ('error' in read) return fail(read.error);
    const admission = admitCall(procedure.path, read.input, principal);
    if (!admission.admitted) return fail(admission.error);

    const answer =
      procedure.service === 'gateway'
        ? await callOwn(ownCaller, procedure, read.input, principal, traceId, req.ip)
        : await callService(options, procedure, req, read.input, principal as Principal, traceId);

    if (principal && admission.actingRole) {
      try {
        await options.audit.record({
          principal,
          actingRole: admission.actingRole,
          procedure: procedure.path,
          type: procedure.type,
          policy: admission.policy,
          input: read.input,
          output: answer.status === 200 ? answer.body : undefined,
          errorCode:
            answer.status === 200 ? null : ((answer.body as RestErrorBody)?.error?.appCode ?? 'ERROR'),
          traceId,
          via: 'rest',
        });
      } catch (err) {
        options.logger.error({ err, path: procedure.path }, 'audit record failed: answer withheld');
        return fail(auditUnavailable());
      }
    }
    res.status(answer.status).json(answer.body);
  };
}

async function callService(
  options: RestForwardingOptions,
  procedure: CatalogProcedure,
  req: Request,
  input: unknown,
  principal: Principal,
  traceId: string | null,
): Promise<{ status: number; body: unknown }> {
  const service = procedure.service as Exclude<CatalogProcedure['service'], 'gateway'>;
  const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
  try {
    const answer = await options.client.request(service, principal, {
      method: req.method,
      path: `${internalRestBase}${procedure.rest.path}${query}`,
      ...(req.method !== 'GET' && req.method !== 'DELETE' && input !== undefined
        ? { body: JSON.stringify(input) }
        : {}),
    });
    if (answer) return answer;
  } catch (err) {
    options.logger.warn({ err, service }, 'service unreachable');
  }
  return { status: 503, body: restErrorBody(serviceUnavailable(service), traceId) };
}

async function callOwn(
  callerOf: ReturnType<typeof callerFactory>,
  procedure: CatalogProcedure,
  input: unknown,
  principal: Principal | null,
  traceId: string | null,
  clientAddress: string | undefined,
): Promise<{ status: number; body: unknown }> {
  try {
    const caller = callerOf({
      principal,
      traceId,
      ...(clientAddress ? { clientAddress } : {}),
    } as never) as Record<string, unknown>;
    const call = procedure.path
      .split('.')
      .reduce<unknown>((node, segment) => (node as Record<string, unknown>)[segment], caller) as (
      input: unknown,
    ) => Promise<unknown>;
    return { status: 200, body: (await call(input)) ?? null };
  } catch (err) {
    const error = getTRPCErrorFromUnknown(err);
    return { status: getHTTPStatusCodeFromError(error), body: restErrorBody(error, traceId) };
  }
}
