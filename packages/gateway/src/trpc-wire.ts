import type { AppErrorData } from '@tradepilot/contracts';
import type { AppError } from '@tradepilot/service-kit';
import {
  getHTTPStatusCodeFromError,
  TRPC_ERROR_CODES_BY_KEY,
} from '@trpc/server/unstable-core-do-not-import';

/** One call of a tRPC HTTP request (v11 wire format, no transformer). */
export interface TrpcCall {
  index: number;
  path: string;
  input: unknown;
}

export type TrpcResultItem =
  | { result: { data: unknown } }
  | {
      error: {
        message: string;
        code: number;
        data: AppErrorData & { code: string; httpStatus: number; path: string };
      };
    };

export interface ParsedTrpcRequest {
  method: 'GET' | 'POST';
  batch: boolean;
  calls: TrpcCall[];
}

/** Reads `/a.b,c.d?batch=1&input=…` (queries) or the POST body (mutations) into calls. */
export function parseTrpcRequest(
  method: string,
  pathList: string,
  query: Record<string, unknown>,
  body: unknown,
): ParsedTrpcRequest | { problem: string } {
  if (method !== 'GET' && method !== 'POST') return { problem: `method ${method} is not supported` };
  const paths = decodeURIComponent(pathList).split(',').filter(Boolean);
  if (paths.length === 0) return { problem: 'no procedure named' };
  const batch = query['batch'] === '1' || query['batch'] === 'true';
  if (!batch && paths.length > 1) return { problem: 'several procedures need ?batch=1' };
  let raw: unknown;
  if (method === 'GET') {
    const input = query['input'];
    if (typeof input === 'string') {
      try {
        raw = JSON.parse(input);
      } catch {
        return { problem: 'the input query parameter is not JSON' };
      }
    } else if (input !== undefined) {
      return { problem: 'the input query parameter must appear once' };
    }
  } else {
    raw = body;
  }
  const calls = paths.map((path, index) => ({
    index,
    path,
    input: batch ? (raw as Record<string, unknown> | undefined)?.[String(index)] : raw,
  }));
  return { method, batch, calls };
}

/** A call refused or failed at the gateway, in the same shape a service's error formatter gives. */
export function errorItem(path: string, error: AppError, traceId: string | null): TrpcResultItem {
  return {
    error: {
      message: error.messages.en,
      code: TRPC_ERROR_CODES_BY_KEY[error.code],
      data: {
        code: error.code,
        httpStatus: getHTTPStatusCodeFromError(error),
        path,
        appCode: error.appCode,
        messages: error.messages,
        ...(error.details ? { details: error.details } : {}),
        ...(traceId ? { traceId } : {}),
      },
    },
  };
}

export const statusOf = (item: TrpcResultItem): number =>
  'error' in item ? item.error.data.httpStatus : 200;

/** One status for the whole response: the common one, or 207 when calls ended differently. */
export function responseStatus(items: TrpcResultItem[]): number {
  const statuses = new Set(items.map(statusOf));
  return statuses.size === 1 ? ([...statuses][0] as number) : 207;
}

/** The request line and body that carry `calls` as one batch to a tRPC endpoint at `base`. */
export function batchRequest(
  base: string,
  method: 'GET' | 'POST',
  calls: TrpcCall[],
): { url: string; body?: string } {
  const inputs: Record<string, unknown> = {};
  calls.forEach((call, i) => {
    if (call.input !== undefined) inputs[String(i)] = call.input;
  });
  const url = `${base}/${calls.map((c) => encodeURIComponent(c.path)).join(',')}?batch=1`;
  if (method === 'GET') return { url: `${url}&input=${encodeURIComponent(JSON.stringify(inputs))}` };
  return { url, body: JSON.stringify(inputs) };
}
