import type { MeasureCatalog } from './measure-catalog';
import { writeCsv } from './measure-csv';
import type { TableFormat } from './measure-inputs';
import type { MeasureStatus } from './measure-model';
import { measureTable } from './measure-table';
import { writeXlsx } from './measure-xlsx';

export interface ExportedFile {
  fileName: string;
  contentType: string;
  /** utf-8: the text itself (CSV, with BOM); base64: the bytes (XLSX) */
  encoding: 'utf-8' | 'base64';
  content: string;
  rows: number;
}

/** The catalog as a file with exactly the columns import reads. */
export async function exportMeasures(
  catalog: MeasureCatalog,
  input: { format: TableFormat; taskGroupId?: string | undefined; status?: MeasureStatus | undefined },
  now: Date,
): Promise<ExportedFile> {
  const measures = await catalog.list({ taskGroupId: input.taskGroupId, status: input.status });
  const rows = measureTable(measures);
  const stamp = now.toISOString().slice(0, 10);
  if (input.format === 'csv') {
    return {
      fileName: `measures-${stamp}.csv`,
      contentType: 'text/csv; charset=utf-8',
      encoding: 'utf-8',
      content: writeCsv(rows),
      rows: measures.length,
    };
  }
  return {
    fileName: `measures-${stamp}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    encoding: 'base64',
    content: (await writeXlsx(rows, 'measures')).toString('base64'),
    rows: measures.length,
  };
}
