import { AppError } from './app-error';

/** One problem of an imported file: its row and what is wrong, in both languages. */
export interface ImportRowProblem {
  row: number;
  messages: { 'zh-CN': string; en: string };
}

/**
 * A file import refused as a whole (validate everything first, write nothing): how many rows
 * and problems, the first five (with the column `columnOf` names), and `unchanged` saying what
 * was left as it was. The problems themselves are the error's details.
 */
export function fileImportRejected<P extends ImportRowProblem>(
  appCode: string,
  problems: P[],
  unchanged: { 'zh-CN': string; en: string },
  columnOf: (problem: P) => string | null | undefined,
): AppError {
  const rows = new Set(problems.map((p) => p.row)).size;
  const first = problems.slice(0, 5).map((p) => {
    const column = columnOf(p);
    return {
      zh: `第 ${p.row} 行${column ? ` ${column} 列` : ''}：${p.messages['zh-CN']}`,
      en: `row ${p.row}${column ? `, ${column}` : ''}: ${p.messages.en}`,
    };
  });
  const more =
    problems.length > 5
      ? { zh: ` 等 ${problems.length} 处`, en: ` and ${problems.length - 5} more` }
      : { zh: '', en: '' };
  return new AppError(
    'BAD_REQUEST',
    appCode,
    {
      'zh-CN': `导入未执行：${rows} 行有 ${problems.length} 处问题（${first.map((f) => f.zh).join('；')}${more.zh}）${unchanged['zh-CN']}`,
      en: `Nothing was imported: ${problems.length} problem(s) in ${rows} row(s) (${first.map((f) => f.en).join('; ')}${more.en})${unchanged.en}`,
    },
    { problems },
  );
}
