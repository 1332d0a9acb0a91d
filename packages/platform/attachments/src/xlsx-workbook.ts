import type ExcelJS from 'exceljs';

let excel: typeof ExcelJS | undefined;

/**
 * A new workbook. exceljs, with jszip and the rest under it, cost every service start about a
 * third of a second of CPU for a feature few requests use: it loads on the first spreadsheet.
 */
export function newWorkbook(): ExcelJS.Workbook {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  excel ??= require('exceljs') as typeof ExcelJS;
  return new excel.Workbook();
}
