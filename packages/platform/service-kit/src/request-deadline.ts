import { AppError } from './app-error';

/**
 * Work whose deadline passed is abandoned before it changes anything: the gateway has stopped
 * waiting (its forward timeout is longer than this deadline), so a change made now would be
 * committed behind an answer of "unavailable".
 */
export function assertBeforeDeadline(deadlineAt: number | undefined, nowMs = Date.now()): void {
  if (deadlineAt !== undefined && nowMs >= deadlineAt)
    throw new AppError('TIMEOUT', 'DEADLINE_PASSED', {
      'zh-CN': '请求处理超时，未做任何更改，请重试',
      en: 'The request ran out of time and nothing was changed; try again',
    });
}
