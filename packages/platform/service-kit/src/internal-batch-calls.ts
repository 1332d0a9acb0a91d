import type { AnyRouter, TRPCError } from '@trpc/server';
import {
  callProcedure,
  getErrorShape,
  getProcedureAtPath,
  getTRPCErrorFromUnknown,
  transformTRPCResponse,
} from '@trpc/server/unstable-core-do-not-import';
import type { Request, RequestHandler, Response } from 'express';
import type { ProcedureContext } from './procedure-context';

type CallItem = { result: { data: unknown } } | { error: { data: { httpStatus: number } } };

/** The calls of a gateway batch (`/a,b?batch=1`), or null for anything the tRPC adapter should answer. */
async function batchOf(
  router: AnyRouter,
  req: Request,
): Promise<{ type: 'query' | 'mutation'; calls: { path: string; input: unknown }[] } | null> {
  if (req.query['batch'] !== '1') return null;
  const type = req.method === 'GET' ? 'query' : req.method === 'POST' ? 'mutation' : null;
  if (!type) return null;
  let inputs: unknown = {};
  if (type === 'query') {
    const raw = req.query['input'];
    if (raw !== undefined) {
      if (typeof raw !== 'string') return null;
      try {
        inputs = JSON.parse(raw);
      } catch {
        return null;
      }
    }
  } else {
    inputs = req.body ?? {};
  }
  if (typeof inputs !== 'object' || inputs === null || Array.isArray(inputs)) return null;
  const calls: { path: string; input: unknown }[] = [];
  for (const [index, path] of decodeURIComponent(req.path.slice(1)).split(',').entries()) {
    // an unknown procedure or the wrong method: the adapter's own answer (NOT_FOUND, 405)
    const procedure = await getProcedureAtPath(router, path);
    if (!procedure || procedure._def.type !== type) return null;
    calls.push({ path, input: (inputs as Record<string, unknown>)[String(index)] });
  }
  return { type, calls };
}

const statusOf = (items: CallItem[]): number => {
  const statuses = new Set(items.map((item) => ('error' in item ? item.error.data.httpStatus : 200)));
  return statuses.size === 1 ? ([...statuses][0] as number) : 207;
};

/**
 * The gateway's batches, run through the router's procedures directly: the tRPC HTTP adapter
 * turned every internal call into a fetch Request with a web stream before reading it, which cost
 * the service more than most reads. The answer is the adapter's, item for item (same error
 * shapes through the router's formatter); anything else falls through to the adapter.
 */
export function internalBatchCalls(
  router: AnyRouter,
  options: {
    createContext: (res: Response) => ProcedureContext;
    onError: (error: TRPCError, path: string) => void;
  },
): RequestHandler {
  const config = router._def._config;
  return async (req, res, next) => {
    const batch = await batchOf(router, req);
    if (!batch) return next();
    const ctx = options.createContext(res);
    const items = await Promise.all(
      batch.calls.map(async ({ path, input }, batchIndex): Promise<CallItem> => {
        try {
          const data = await callProcedure({
            router,
            path,
            getRawInput: async () => input,
            ctx,
            type: batch.type,
            signal: undefined,
            batchIndex,
          });
          return transformTRPCResponse(config, { result: { data } }) as CallItem;
        } catch (cause) {
          const error = getTRPCErrorFromUnknown(cause);
          options.onError(error, path);
          const shape = getErrorShape({ config, error, type: batch.type, path, input, ctx });
          return transformTRPCResponse(config, { error: shape }) as CallItem;
        }
      }),
    );
    res.status(statusOf(items)).json(items);
  };
}
