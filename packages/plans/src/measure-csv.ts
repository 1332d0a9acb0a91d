import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { TableRow } from './measure-table';

/** Excel opens a UTF-8 CSV as UTF-8 (and shows Chinese) only when it starts with a byte order mark. */
export const utf8Bom = '\uFEFF';

/** CSV text (UTF-8, with or without BOM) as rows; row 1 is the first line. */
export function readCsv(text: string): TableRow[] {
  const records = parse(text, {
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: false,
  }) as unknown as { record: string[]; info: { records: number } }[];
  return records.map(({ record, info }) => ({ row: info.records, cells: record }));
}

export function writeCsv(rows: string[][]): string {
  return utf8Bom + stringify(rows, { record_delimiter: '\r\n' });
}
