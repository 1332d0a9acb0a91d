import type { FieldIssue } from '@tradepilot/contracts';
import { AppError, validationMessages } from '@tradepilot/service-kit';

/** One field problem in both languages. */
export const fieldIssue = (path: string, code: string, zhCN: string, en: string): FieldIssue => ({
  path,
  code,
  messages: { 'zh-CN': zhCN, en },
});

/**
 * Problems found by checking input against data (the catalog, the plan): every problem listed,
 * each naming its field; the error's appCode is the first problem's code.
 */
export function invalidFields(issues: FieldIssue[]): AppError {
  const [first] = issues;
  return new AppError('BAD_REQUEST', first?.code ?? 'INVALID_INPUT', validationMessages(issues), {
    issues,
  });
}
