import type { AuthorizedContext, ServiceDeps } from '@tradepilot/service-kit';
import { isDuplicateKeyError } from '@tradepilot/messaging';
import { auditEntry, changedFields } from './audit-entry';
import { fileTooLarge, importConflict, importRejected, unreadableFile } from './catalog-errors';
import type { MeasureCatalog } from './measure-catalog';
import { readCsv } from './measure-csv';
import { writeMeasure } from './measure-editing';
import type { ImportMeasuresInput } from './measure-inputs';
import { measureFieldNames, type MeasureFields } from './measure-model';
import { readMeasureTable, type ImportedMeasure, type TableRow } from './measure-table';
import { readXlsx } from './measure-xlsx';
import { checkXlsxLimits, xlsxImportLimits } from './xlsx-limits';

export interface ImportReport {
  dryRun: boolean;
  rows: number;
  created: string[];
  updated: string[];
  unchanged: number;
}

async function readTable(input: ImportMeasuresInput): Promise<TableRow[]> {
  let file: Buffer | undefined;
  if (input.format === 'xlsx') {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(input.content)) throw unreadableFile('xlsx', 'content is not base64');
    file = Buffer.from(input.content, 'base64');
    // limits first: the parser inflates whatever the zip holds
    checkXlsxLimits(file);
  } else if (csvRowCount(input.content) > xlsxImportLimits.rows) {
    throw fileTooLarge({ 'zh-CN': '文件行数', en: 'the number of rows' }, xlsxImportLimits.rows, 'rows');
  }
  try {
    return file ? await readXlsx(file) : readCsv(input.content);
  } catch (err) {
    throw unreadableFile(input.format, (err as Error).message.slice(0, 200));
  }
}

const csvRowCount = (text: string) => (text.match(/\n/g) ?? []).length + 1;

const fieldsOf = (m: ImportedMeasure): MeasureFields => ({
  taskGroupId: m.taskGroupId,
  text: m.text,
  responsibleDepartments: m.responsibleDepartments,
  pilotAreas: m.pilotAreas,
  regulatoryAdjustment: m.regulatoryAdjustment,
  status: m.status,
  illustrative: m.illustrative,
});

/**
 * Imports a CSV or XLSX table of measures: every row is checked first and, if any is wrong,
 * nothing is written and the error lists each problem by row and column. Rows then create or
 * update measures by id (each change audited); measures the file does not name are left alone.
 */
export async function importMeasures(
  deps: ServiceDeps,
  catalog: MeasureCatalog,
  ctx: AuthorizedContext,
  input: ImportMeasuresInput,
): Promise<ImportReport> {
  const { measures, problems } = readMeasureTable(await readTable(input), deps.registry);
  if (problems.length > 0) throw importRejected(problems);

  const existing = await catalog.byIds(measures.map((m) => m.id));
  const creations = measures.filter((m) => !existing.has(m.id));
  const updates = measures
    .map((m) => ({ imported: m, current: existing.get(m.id) }))
    .filter(
      (u): u is { imported: ImportedMeasure; current: NonNullable<typeof u.current> } =>
        u.current !== undefined,
    )
    .map((u) => ({
      ...u,
      changes: changedFields<MeasureFields>(u.current, fieldsOf(u.imported), measureFieldNames),
    }))
    .filter((u) => u.changes.length > 0);
  const report: ImportReport = {
    dryRun: input.dryRun,
    rows: measures.length,
    created: creations.map((m) => m.id),
    updated: updates.map((u) => u.imported.id),
    unchanged: measures.length - creations.length - updates.length,
  };
  if (input.dryRun) return report;

  const model = await catalog.measures();
  const now = deps.now();
  const conflicts: string[] = [];
  if (creations.length > 0) {
    try {
      await model.insertMany(
        creations.map((m) => ({
          _id: m.id,
          ...fieldsOf(m),
          version: 1,
          createdAt: now,
          createdBy: ctx.principal.userId,
          updatedAt: now,
          updatedBy: ctx.principal.userId,
          history: [
            auditEntry(
              ctx.actor,
              'imported',
              now,
              1,
              changedFields({} as MeasureFields, fieldsOf(m), measureFieldNames),
            ),
          ],
        })),
        { ordered: false },
      );
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      const written = new Set(
        ((err as { insertedDocs?: { _id: string }[] }).insertedDocs ?? []).map((d) => d._id),
      );
      conflicts.push(...creations.map((m) => m.id).filter((id) => !written.has(id)));
    }
  }
  for (const { imported, current, changes } of updates) {
    const updated = await writeMeasure(model, current, {
      $set: { ...fieldsOf(imported), updatedAt: now, updatedBy: ctx.principal.userId },
      $inc: { version: 1 },
      $push: { history: auditEntry(ctx.actor, 'imported', now, current.version + 1, changes) },
    });
    if (!updated) conflicts.push(imported.id);
  }
  if (conflicts.length > 0) throw importConflict(conflicts);
  return report;
}
