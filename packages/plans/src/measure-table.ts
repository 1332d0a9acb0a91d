import type { ErrorMessages } from '@tradepilot/contracts';
import type { TenantRegistry } from '@tradepilot/tenancy';
import { measureFieldProblems, measureIdPattern, textLimit } from './measure-fields';
import {
  measureStatuses,
  type MeasureDocument,
  type MeasureFields,
  type MeasureStatus,
} from './measure-model';

/** The columns export writes and import requires, in this order. */
export const measureColumns = [
  'id',
  'task_group',
  'text_zh_cn',
  'text_en',
  'responsible_departments',
  'pilot_areas',
  'regulatory_adjustment',
  'status',
  'illustrative',
] as const;
export type MeasureColumn = (typeof measureColumns)[number];

/** Separates the values of a list cell (departments, pilot areas). */
export const listSeparator = ';';
/** In the pilot_areas column: every pilot area. */
export const allPilotAreas = '*';
export const maxImportRows = 2000;

const columnOfField: Record<keyof MeasureFields, MeasureColumn> = {
  taskGroupId: 'task_group',
  text: 'text_zh_cn',
  responsibleDepartments: 'responsible_departments',
  pilotAreas: 'pilot_areas',
  regulatoryAdjustment: 'regulatory_adjustment',
  status: 'status',
  illustrative: 'illustrative',
};

/** One problem of an import, where a spreadsheet user finds it (row 1 is the header). */
export interface ImportProblem {
  row: number;
  column: MeasureColumn | null;
  code: string;
  messages: ErrorMessages;
}

export interface ImportedMeasure extends MeasureFields {
  id: string;
  row: number;
}

/** A table as read from a file: each row's number and its cells as text. */
export interface TableRow {
  row: number;
  cells: string[];
}

const problem = (
  row: number,
  column: MeasureColumn | null,
  code: string,
  zhCN: string,
  en: string,
): ImportProblem => ({
  row,
  column,
  code,
  messages: { 'zh-CN': zhCN, en },
});

function parseBoolean(value: string, row: number, column: MeasureColumn, problems: ImportProblem[]): boolean {
  const v = value.trim().toLowerCase();
  if (v === '' || v === 'false') return false;
  if (v === 'true') return true;
  problems.push(
    problem(
      row,
      column,
      'NOT_A_BOOLEAN',
      `应填 true 或 false，而不是“${value}”`,
      `must be true or false, not "${value}"`,
    ),
  );
  return false;
}

const splitList = (value: string): string[] =>
  value
    .split(listSeparator)
    .map((v) => v.trim())
    .filter((v) => v.length > 0);

/**
 * Reads every row of an import table and reports every problem (header, cells, duplicate ids)
 * before anything is written: the import is all or nothing.
 */
export function readMeasureTable(
  rows: TableRow[],
  registry: TenantRegistry,
): { measures: ImportedMeasure[]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const [header, ...body] = rows;
  const expected = measureColumns.join(',');
  const found = (header?.cells ?? []).map((c) => c.trim()).join(',');
  if (!header || found !== expected) {
    problems.push(
      problem(
        header?.row ?? 1,
        null,
        'WRONG_COLUMNS',
        `表头须正好是导出文件的列：${expected}（实际为：${found || '空'}）`,
        `the header must be exactly the columns export writes: ${expected} (found: ${found || 'nothing'})`,
      ),
    );
    return { measures: [], problems };
  }
  const dataRows = body.filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (dataRows.length === 0) {
    problems.push(problem(header.row + 1, null, 'NO_ROWS', '文件中没有举措', 'the file holds no measures'));
  }
  if (dataRows.length > maxImportRows) {
    problems.push(
      problem(
        header.row,
        null,
        'TOO_MANY_ROWS',
        `一次最多导入 ${maxImportRows} 行`,
        `at most ${maxImportRows} rows per import`,
      ),
    );
    return { measures: [], problems };
  }

  const measures: ImportedMeasure[] = [];
  const firstRowOfId = new Map<string, number>();
  for (const { row, cells } of dataRows) {
    if (
      cells.length > measureColumns.length &&
      cells.slice(measureColumns.length).some((c) => c.trim() !== '')
    ) {
      problems.push(
        problem(
          row,
          null,
          'EXTRA_CELLS',
          '该行的单元格多于表头的列',
          'the row has more cells than the header has columns',
        ),
      );
    }
    const cell = (column: MeasureColumn) => (cells[measureColumns.indexOf(column)] ?? '').trim();
    const rowProblems: ImportProblem[] = [];

    const id = cell('id');
    if (!measureIdPattern.test(id)) {
      rowProblems.push(
        problem(
          row,
          'id',
          'INVALID_MEASURE_ID',
          `举措编号“${id}”无效（1–32 个字母、数字、“-”或“_”）`,
          `measure id "${id}" is not valid (1–32 letters, digits, "-" or "_")`,
        ),
      );
    } else if (firstRowOfId.has(id)) {
      rowProblems.push(
        problem(
          row,
          'id',
          'DUPLICATE_MEASURE_ID',
          `举措编号“${id}”已在第 ${firstRowOfId.get(id)} 行出现`,
          `measure id "${id}" already appears in row ${firstRowOfId.get(id)}`,
        ),
      );
    } else {
      firstRowOfId.set(id, row);
    }

    for (const column of ['text_zh_cn', 'text_en'] as const) {
      const text = cell(column);
      if (column === 'text_zh_cn' && text === '') {
        rowProblems.push(
          problem(row, column, 'EMPTY_VALUE', '中文内容不能为空', 'the Chinese text must not be empty'),
        );
      }
      if (text.length > textLimit) {
        rowProblems.push(
          problem(
            row,
            column,
            'TOO_LONG',
            `内容超过 ${textLimit} 个字符`,
            `the text is longer than ${textLimit} characters`,
          ),
        );
      }
    }

    const areasCell = cell('pilot_areas');
    const pilotAreas =
      areasCell === allPilotAreas ? registry.pilotAreas().map((a) => a.id) : splitList(areasCell);
    if (pilotAreas.length === 0) {
      rowProblems.push(
        problem(
          row,
          'pilot_areas',
          'EMPTY_VALUE',
          `须至少列出一个试点地区（用“${listSeparator}”分隔，或填 ${allPilotAreas} 表示全部）`,
          `list at least one pilot area (separated by "${listSeparator}", or ${allPilotAreas} for all)`,
        ),
      );
    }
    const statusCell = cell('status') || 'active';
    if (!measureStatuses.includes(statusCell as MeasureStatus)) {
      rowProblems.push(
        problem(
          row,
          'status',
          'UNKNOWN_STATUS',
          `状态须为 ${measureStatuses.join(' 或 ')}，而不是“${statusCell}”`,
          `status must be ${measureStatuses.join(' or ')}, not "${statusCell}"`,
        ),
      );
    }
    const fields: MeasureFields = {
      taskGroupId: cell('task_group'),
      text: { 'zh-CN': cell('text_zh_cn'), en: cell('text_en') },
      responsibleDepartments: splitList(cell('responsible_departments')),
      pilotAreas,
      regulatoryAdjustment: parseBoolean(
        cell('regulatory_adjustment'),
        row,
        'regulatory_adjustment',
        rowProblems,
      ),
      status: statusCell as MeasureStatus,
      illustrative: parseBoolean(cell('illustrative'), row, 'illustrative', rowProblems),
    };
    for (const p of measureFieldProblems(fields, registry)) {
      rowProblems.push({ row, column: columnOfField[p.field], code: p.code, messages: p.messages });
    }
    problems.push(...rowProblems);
    if (rowProblems.length === 0) measures.push({ id, row, ...fields });
  }
  return { measures, problems };
}

/** The rows export writes: the header, then one row per measure. */
export function measureTable(measures: MeasureDocument[]): string[][] {
  return [
    [...measureColumns],
    ...measures.map((m) => [
      m._id,
      m.taskGroupId,
      m.text['zh-CN'],
      m.text.en,
      m.responsibleDepartments.join(listSeparator),
      m.pilotAreas.join(listSeparator),
      String(m.regulatoryAdjustment),
      m.status,
      String(m.illustrative),
    ]),
  ];
}
