import { TRPCError } from '@trpc/server';
import type { ErrorMessages } from '@tradepilot/contracts';

type TrpcCode = ConstructorParameters<typeof TRPCError>[0]['code'];

/**
 * A typed error a person can act on: tRPC code for the HTTP status, a stable `appCode` for
 * programs, and the message in zh-CN and en.
 */
export class AppError extends TRPCError {
  readonly appCode: string;
  readonly messages: ErrorMessages;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: TrpcCode, appCode: string, messages: ErrorMessages, details?: Record<string, unknown>) {
    super({ code, message: messages.en });
    this.appCode = appCode;
    this.messages = messages;
    this.details = details;
  }
}

export const notFound = (
  what: { 'zh-CN': string; en: string },
  appCode = 'NOT_FOUND',
  details?: Record<string, unknown>,
) =>
  new AppError(
    'NOT_FOUND',
    appCode,
    { 'zh-CN': `未找到${what['zh-CN']}`, en: `${what.en} not found` },
    details,
  );

export const forbidden = (
  messages: ErrorMessages,
  appCode = 'FORBIDDEN',
  details?: Record<string, unknown>,
) => new AppError('FORBIDDEN', appCode, messages, details);

export const invalidState = (
  messages: ErrorMessages,
  appCode = 'INVALID_STATE',
  details?: Record<string, unknown>,
) => new AppError('CONFLICT', appCode, messages, details);

export const badInput = (
  messages: ErrorMessages,
  appCode = 'INVALID_INPUT',
  details?: Record<string, unknown>,
) => new AppError('BAD_REQUEST', appCode, messages, details);

/**
 * Someone saved the record after the caller read it: nothing of the caller's was written. `what`
 * names the record in both languages ("方案" / "The plan").
 */
export const versionConflict = (
  what: { 'zh-CN': string; en: string },
  expected: number,
  actual: number,
  savedBy: string,
  savedAt: Date,
) =>
  new AppError(
    'CONFLICT',
    'VERSION_CONFLICT',
    {
      'zh-CN': `${what['zh-CN']}已被 ${savedBy} 于 ${savedAt.toISOString()} 修改（当前版本 ${actual}，您的版本 ${expected}），您的修改未保存，请刷新后重试`,
      en: `${what.en} was changed by ${savedBy} at ${savedAt.toISOString()} (now version ${actual}, yours ${expected}); nothing of yours was saved — reload and try again`,
    },
    { expectedVersion: expected, currentVersion: actual, savedBy, savedAt: savedAt.toISOString() },
  );
