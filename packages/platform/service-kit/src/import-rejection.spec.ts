import { fileImportRejected } from './import-rejection';

const problem = (row: number, column: string | null) => ({
  row,
  column,
  messages: { 'zh-CN': '不能为空', en: 'is required' },
});

describe('a file import refused as a whole', () => {
  it('counts rows and problems, names the first five with their columns, and keeps the problems as details', () => {
    const problems = [
      problem(2, '标题'),
      problem(2, null),
      problem(3, 'title'),
      ...[4, 5, 6].map((r) => problem(r, 'x')),
    ];
    const error = fileImportRejected(
      'X_IMPORT_REJECTED',
      problems,
      { 'zh-CN': '，未作修改', en: '; nothing changed' },
      (p) => p.column,
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.appCode).toBe('X_IMPORT_REJECTED');
    expect(error.messages['zh-CN']).toBe(
      '导入未执行：5 行有 6 处问题（第 2 行 标题 列：不能为空；第 2 行：不能为空；第 3 行 title 列：不能为空；第 4 行 x 列：不能为空；第 5 行 x 列：不能为空 等 6 处），未作修改',
    );
    expect(error.messages.en).toBe(
      'Nothing was imported: 6 problem(s) in 5 row(s) (row 2, 标题: is required; row 2: is required; row 3, title: is required; row 4, x: is required; row 5, x: is required and 1 more); nothing changed',
    );
    expect(error.details).toEqual({ problems });
  });
});
