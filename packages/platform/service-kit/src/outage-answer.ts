import { isTransientFailure } from '@tradepilot/messaging';
import type { TRPCError } from '@trpc/server';
import { AppError } from './app-error';

export const storageUnavailable = () =>
  new AppError('SERVICE_UNAVAILABLE', 'STORAGE_UNAVAILABLE', {
    'zh-CN': '数据库或消息服务暂时不可用，本次操作未完成，请稍后重试',
    en: 'The database or the message broker is briefly unavailable; nothing was done, try again shortly',
  });

/**
 * An unexpected error caused by an outage (database or broker out, a lost race) becomes a 503
 * saying to retry: the caller did nothing wrong and the same call succeeds later. Everything else
 * is returned as it was.
 */
export function outageAnswer(error: TRPCError): TRPCError {
  if (error instanceof AppError || error.code !== 'INTERNAL_SERVER_ERROR') return error;
  return isTransientFailure(error.cause) ? storageUnavailable() : error;
}
