import { TRPCClientError } from '@trpc/client';

/** An error as the console shows it: the service's message in both languages and the trace id. */
export interface ApiProblem {
  appCode: string;
  messages: { 'zh-CN': string; en: string };
  traceId: string | null;
  httpStatus: number | null;
  issues: { path: string; messages: { 'zh-CN': string; en: string } }[];
  details: Record<string, unknown> | null;
}

interface ErrorData {
  appCode?: string;
  messages?: { 'zh-CN': string; en: string };
  traceId?: string;
  httpStatus?: number;
  issues?: ApiProblem['issues'];
  details?: Record<string, unknown>;
}

const unreachable = {
  'zh-CN': '无法连接服务器，请检查网络后重试',
  en: 'The server cannot be reached; check the network and try again',
};

/** Reads what the gateway sent (error `data`, or the `x-trace-id` header); anything else is "unreachable". */
export function toProblem(error: unknown): ApiProblem {
  if (error instanceof TRPCClientError) {
    const data = (error.data ?? {}) as ErrorData;
    const meta = error.meta as { response?: Response } | undefined;
    const headerTrace = meta?.response?.headers?.get('x-trace-id') ?? null;
    return {
      appCode: data.appCode ?? 'UNREACHABLE',
      messages: data.messages ?? { 'zh-CN': error.message, en: error.message },
      traceId: data.traceId ?? headerTrace,
      httpStatus: data.httpStatus ?? meta?.response?.status ?? null,
      issues: data.issues ?? [],
      details: data.details ?? null,
    };
  }
  if (error && typeof error === 'object' && 'appCode' in error && 'messages' in error) return error as ApiProblem;
  return { appCode: 'UNREACHABLE', messages: unreachable, traceId: null, httpStatus: null, issues: [], details: null };
}

export const isUnauthorized = (error: unknown) => toProblem(error).httpStatus === 401;
