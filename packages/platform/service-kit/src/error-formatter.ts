import { readBilingual, type AppErrorData, type ErrorMessages, type FieldIssue } from '@tradepilot/contracts';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { AppError } from './app-error';

const zhCN = z.locales.zhCN().localeError;
const en = z.locales.en().localeError;

const render = (localeError: typeof zhCN, issue: z.core.$ZodIssue): string => {
  const out = localeError(issue as never);
  return typeof out === 'string' ? out : (out?.message ?? issue.message);
};

/** One field problem in both languages; a message written with `bilingual()` wins over zod's own. */
export function describeIssue(issue: z.core.$ZodIssue): FieldIssue {
  const custom = readBilingual(issue.message);
  const generated: ErrorMessages = { 'zh-CN': render(zhCN, issue), en: render(en, issue) };
  const isCustom = !custom && issue.message !== generated.en;
  return {
    path: issue.path.map(String).join('.'),
    code: issue.code,
    messages: custom ?? (isCustom ? { 'zh-CN': issue.message, en: issue.message } : generated),
  };
}

export function validationMessages(issues: FieldIssue[]): ErrorMessages {
  const list = (lang: keyof ErrorMessages) =>
    issues
      .map((i) => `${i.path || (lang === 'en' ? '(input)' : '（输入）')}: ${i.messages[lang]}`)
      .join('; ');
  return { 'zh-CN': `输入有误 — ${list('zh-CN')}`, en: `Invalid input — ${list('en')}` };
}

/** The `data` of every error response: a stable code and the message in both languages. */
export function appErrorData(error: TRPCError, traceId: string | null): AppErrorData {
  const base = traceId ? { traceId } : {};
  if (error instanceof AppError) {
    return {
      appCode: error.appCode,
      messages: error.messages,
      ...(error.details ? { details: error.details } : {}),
      ...base,
    };
  }
  if (error.cause instanceof z.ZodError) {
    const issues = error.cause.issues.map(describeIssue);
    return { appCode: 'VALIDATION_FAILED', messages: validationMessages(issues), issues, ...base };
  }
  const generic: Record<string, ErrorMessages> = {
    UNAUTHORIZED: { 'zh-CN': '请先登录或重新登录', en: 'Sign in (again) to continue' },
    FORBIDDEN: { 'zh-CN': '您无权执行此操作', en: 'You are not allowed to do this' },
    NOT_FOUND: { 'zh-CN': '未找到所请求的内容', en: 'What you asked for was not found' },
    TOO_MANY_REQUESTS: { 'zh-CN': '请求过于频繁，请稍后再试', en: 'Too many requests; try again shortly' },
    PAYLOAD_TOO_LARGE: { 'zh-CN': '请求内容过大', en: 'The request is too large' },
    PARSE_ERROR: { 'zh-CN': '请求格式无法解析', en: 'The request could not be parsed' },
    BAD_REQUEST: { 'zh-CN': '请求无效', en: 'The request is not valid' },
  };
  const messages = generic[error.code] ?? {
    'zh-CN': '服务内部错误，请将追踪编号告知运维人员',
    en: 'Internal error; quote the trace id to an operator',
  };
  return { appCode: error.code, messages, ...base };
}
