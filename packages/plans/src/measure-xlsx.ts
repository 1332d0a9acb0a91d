import type ExcelJS from 'exceljs';
import { newWorkbook } from '@tradepilot/attachments';
import type { TableRow } from './measure-table';

/** The first worksheet as rows of cell texts (formulas as their results, booleans as true/false). */
export async function readXlsx(content: Buffer): Promise<TableRow[]> {
  const workbook = newWorkbook();
  await workbook.xlsx.load(content as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let column = 1; column <= row.cellCount; column += 1) cells.push(cellText(row.getCell(column)));
    rows.push({ row: rowNumber, cells });
  });
  return rows;
}

function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'object' && 'result' in value) return String(value.result ?? '');
  return cell.text;
}

export async function writeXlsx(rows: string[][], sheetName: string): Promise<Buffer> {
  const workbook = newWorkbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of rows) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
