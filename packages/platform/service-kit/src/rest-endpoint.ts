import type { AppErrorData } from '@tradepilot/contracts';
import { getTRPCErrorFromUnknown, type AnyRouter, type TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { Request, RequestHandler } from 'express';
import { AppError } from './app-error';
import { appErrorData } from './error-formatter';
import type { ProcedureContext } from './procedure-context';
import { proceduresOf, restRouteOf } from './router-description';
import { t } from './trpc';

/** The body of every REST error: the same stable code and bilingual messages as tRPC errors. */
export interface RestErrorBody {
  error: AppErrorData & { code: string; message: string };
}

export function restErrorBody(error: TRPCError, traceId: string | null): RestErrorBody {
  const data = appErrorData(error, traceId);
  return { error: { code: error.code, message: data.messages.en, ...data } };
}

const problem = (
  code: 'BAD_REQUEST' | 'NOT_FOUND' | 'METHOD_NOT_SUPPORTED',
  appCode: string,
  zh: string,
  en: string,
) => new AppError(code, appCode, { 'zh-CN': zh, en });

/** GET inputs come from the query string: one value per name, strings only (no coercion). */
function queryInput(req: Request): { input: Record<string, string> | undefined } | { error: AppError } {
  const entries = Object.entries(req.query);
  if (entries.length === 0) return { input: undefined };
  const input: Record<string, string> = {};
  for (const [name, value] of entries) {
    if (typeof value !== 'string') {
      return {
        error: problem(
          'BAD_REQUEST',
          'INVALID_QUERY_PARAMETER',
          `查询参数 ${name} 只能出现一次且须为文本`,
          `query parameter ${name} must appear once, as text`,
        ),
      };
    }
    input[name] = value;
  }
  return { input };
}

/**
 * Serves a router's procedures as REST at the routes `restRouteOf` derives (the routes the
 * OpenAPI document lists). Inputs are handed to the procedure exactly as sent: the zod schema
 * alone decides, so REST is exactly as strict as tRPC. Mount after a JSON body parser.
 */
export function restEndpoint(
  router: AnyRouter,
  options: {
    createContext: (req: Request, res: Parameters<RequestHandler>[1]) => ProcedureContext;
    onError?: (error: TRPCError, path: string) => void;
  },
): RequestHandler {
  const routes = new Map<string, Map<string, string>>();
  for (const [path, procedure] of proceduresOf(router)) {
    const route = restRouteOf(path, procedure);
    const byMethod = routes.get(route.path) ?? new Map<string, string>();
    byMethod.set(route.method, path);
    routes.set(route.path, byMethod);
  }
  const callerOf = t.createCallerFactory(router);

  return async (req, res) => {
    const ctx = options.createContext(req, res);
    const fail = (error: TRPCError) =>
      void res.status(getHTTPStatusCodeFromError(error)).json(restErrorBody(error, ctx.traceId));
    const byMethod = routes.get(req.path);
    const procedurePath = byMethod?.get(req.method);
    if (!byMethod || !procedurePath) {
      return fail(
        byMethod
          ? problem(
              'METHOD_NOT_SUPPORTED',
              'METHOD_NOT_ALLOWED',
              `${req.path} 不支持 ${req.method}，请用 ${[...byMethod.keys()].join('/')}`,
              `${req.path} does not accept ${req.method}; use ${[...byMethod.keys()].join('/')}`,
            )
          : problem(
              'NOT_FOUND',
              'ROUTE_NOT_FOUND',
              `没有接口 ${req.path}`,
              `There is no endpoint ${req.path}`,
            ),
      );
    }
    let input: unknown;
    if (req.method === 'GET' || req.method === 'DELETE') {
      const parsed = queryInput(req);
      if ('error' in parsed) return fail(parsed.error);
      input = parsed.input;
    } else {
      input = req.body;
    }
    try {
      const caller = callerOf(ctx) as unknown as Record<string, unknown>;
      const call = procedurePath
        .split('.')
        .reduce<unknown>((node, segment) => (node as Record<string, unknown>)[segment], caller) as (
        input: unknown,
      ) => Promise<unknown>;
      const data = await call(input);
      res.status(200).json(data ?? null);
    } catch (err) {
      const error = getTRPCErrorFromUnknown(err);
      options.onError?.(error, procedurePath);
      fail(error);
    }
  };
}
