import type { LocalizedText, MeasureImplementationStatus } from '@tradepilot/contracts';
import type { ServiceDeps } from '@tradepilot/service-kit';
import { nationalScope } from '@tradepilot/tenancy';
import { newWorkbook } from '@tradepilot/attachments';
import { implementationErrors } from './implementation-errors';
import type { MatrixInput } from './implementation-inputs';
import { implementationRate } from './implementation-rate';
import { implementationMatrixModel, type ImplementationMatrixRow } from './implementation-matrix-model';
import { periodsOf } from './implementation-reads';

export interface MatrixColumn {
  measureId: string;
  taskGroupId: string;
  responsibleDepartments: string[];
}

export interface MatrixRow {
  province: string;
  pilotAreaId: string;
  applicable: number;
  implemented: number;
  rate: number | null;
  /** one per column; null where the measure does not apply to the area */
  cells: (MeasureImplementationStatus | null)[];
}

export interface StatusMatrix {
  round: number;
  /** null when no report of the round has been accepted yet */
  periodId: string | null;
  label: LocalizedText | null;
  measures: MatrixColumn[];
  areas: MatrixRow[];
}

/**
 * The area × measure status matrix of one period from the ministry's rows, filtered: a task
 * group or department narrows the measures, a province the areas; a status keeps the measures
 * and areas with at least one cell of that status.
 */
export function buildMatrix(
  rows: readonly ImplementationMatrixRow[],
  filter: MatrixInput,
): Omit<StatusMatrix, 'round' | 'periodId' | 'label'> {
  const columns = new Map<string, MatrixColumn>();
  for (const row of rows)
    for (const cell of row.measures)
      if (!columns.has(cell.measureId))
        columns.set(cell.measureId, {
          measureId: cell.measureId,
          taskGroupId: cell.taskGroupId,
          responsibleDepartments: cell.responsibleDepartments,
        });
  let measures = [...columns.values()]
    .filter((m) => !filter.taskGroupId || m.taskGroupId === filter.taskGroupId)
    .filter((m) => !filter.departmentId || m.responsibleDepartments.includes(filter.departmentId))
    .sort((a, b) => a.measureId.localeCompare(b.measureId));
  const areaRows = rows
    .filter((r) => !filter.province || r.province === filter.province)
    .sort((a, b) => a.province.localeCompare(b.province) || a.pilotAreaId.localeCompare(b.pilotAreaId));
  const statusOf = (row: ImplementationMatrixRow) =>
    new Map(row.measures.map((c) => [c.measureId, c.status]));
  const statuses = new Map(areaRows.map((r) => [r._id, statusOf(r)]));
  const wanted = filter.status;
  if (wanted)
    measures = measures.filter((m) => areaRows.some((r) => statuses.get(r._id)?.get(m.measureId) === wanted));
  const areas = areaRows
    .map((r) => ({
      province: r.province,
      pilotAreaId: r.pilotAreaId,
      applicable: r.applicable,
      implemented: r.implemented,
      rate: implementationRate(r),
      cells: measures.map((m) => statuses.get(r._id)?.get(m.measureId) ?? null),
    }))
    .filter((r) => !wanted || r.cells.includes(wanted));
  return { measures, areas };
}

/** Checks the filters against the registry and the period's data; every bad one is refused in both languages. */
export async function statusMatrix(deps: ServiceDeps, input: MatrixInput): Promise<StatusMatrix> {
  const round = input.round ?? deps.registry.latestRound();
  if (input.province && !deps.registry.isTenant(input.province))
    throw implementationErrors.unknownProvince(input.province);
  if (input.departmentId && !deps.registry.department(input.departmentId))
    throw implementationErrors.unknownDepartment(input.departmentId);
  const periods = await periodsOf(deps, round);
  if (input.periodId && !periods.some((p) => p._id === input.periodId))
    throw implementationErrors.periodNotInRound(input.periodId, round);
  const model = await deps.databases.model(nationalScope, implementationMatrixModel);
  const periodId =
    input.periodId ??
    (
      await model
        .find({ round })
        .select({ periodId: 1, periodStart: 1 })
        .sort({ periodStart: -1 })
        .limit(1)
        .lean<Pick<ImplementationMatrixRow, 'periodId'>[]>()
    )[0]?.periodId ??
    null;
  const rows = periodId ? await model.find({ round, periodId }).lean<ImplementationMatrixRow[]>() : [];
  if (input.taskGroupId && rows.length > 0) {
    const groups = [...new Set(rows.flatMap((r) => r.measures.map((m) => m.taskGroupId)))].sort();
    if (!groups.includes(input.taskGroupId))
      throw implementationErrors.unknownTaskGroup(input.taskGroupId, groups);
  }
  const label = periods.find((p) => p._id === periodId)?.label ?? null;
  return { round, periodId, label, ...buildMatrix(rows, input) };
}

const statusNames: Record<MeasureImplementationStatus, string> = {
  implemented: '已落地 implemented',
  not_implemented: '未落地 not implemented',
  not_planned: '未纳入方案 not planned',
};

/** The matrix as an XLSX: one row per area, one column per measure, the status in both languages. */
export async function statusMatrixXlsx(deps: ServiceDeps, input: MatrixInput) {
  const matrix = await statusMatrix(deps, input);
  const workbook = newWorkbook();
  const sheet = workbook.addWorksheet('implementation');
  sheet.addRow([
    '省份 Province',
    '试点地区 Pilot area',
    '落地率 Rate (%)',
    ...matrix.measures.map((m) => m.measureId),
  ]);
  sheet.addRow(['', '任务组 Task group', '', ...matrix.measures.map((m) => m.taskGroupId)]);
  for (const area of matrix.areas)
    sheet.addRow([
      area.province,
      area.pilotAreaId,
      area.rate ?? '',
      ...area.cells.map((c) => (c ? statusNames[c] : '—')),
    ]);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', xSplit: 3, ySplit: 2 }];
  const stamp = matrix.periodId ?? String(matrix.round);
  return {
    filename: `implementation-matrix-${stamp}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    encoding: 'base64' as const,
    content: Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64'),
    periodId: matrix.periodId,
    areas: matrix.areas.length,
    measures: matrix.measures.length,
  };
}
