import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { TableRow } from './measure-table';

/** Excel opens a UTF-8 CSV as UTF-8 (and shows Chinese) only when it starts with a byte order mark. */
export const utf8Bom = '\uFEFF';

/**
 * A cell a spreadsheet would run as a formula (= + - @, tab, CR first) is written with a leading
 * `'` (OWASP CSV injection); so is a cell that already starts with quotes before such a
 * character, so reading strips exactly one quote and every text survives export → import.
 */
const formulaLike = /^'*[=+\-@\t\r]/;
export const guardCell = (cell: string) => (formulaLike.test(cell) ? `'${cell}` : cell);
export const unguardCell = (cell: string) =>
  cell.startsWith("'") && formulaLike.test(cell.slice(1)) ? cell.slice(1) : cell;

/** CSV text (UTF-8, with or without BOM) as rows; row 1 is the first line. */
export function readCsv(text: string): TableRow[] {
  const records = parse(text, {
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: false,
  }) as unknown as { record: string[]; info: { records: number } }[];
  return records.map(({ record, info }) => ({ row: info.records, cells: record.map(unguardCell) }));
}

export function writeCsv(rows: string[][]): string {
  return (
    utf8Bom +
    stringify(
      rows.map((row) => row.map(guardCell)),
      { record_delimiter: '\r\n' },
    )
  );
}
