import type { PlanTask } from '@tradepilot/contracts';
import type { AuthorizedContext } from '@tradepilot/service-kit';
import type ExcelJS from 'exceljs';
import { checkXlsxLimits, newWorkbook } from '@tradepilot/attachments';
import { reportContext } from './report-context';
import { planOfReport, writeEntries, type ReportDeps } from './report-drafting';
import { entryProblems, type Problem } from './report-entries';
import { reportErrors } from './report-errors';
import type { ReportEntryInput, ReportImportInput } from './report-inputs';
import { taskProgressStatuses, type ReportEntry, type TaskProgressStatus } from './report-model';
import { reportView, type ProgressReportView } from './report-view';

/** The template's columns, bilingual headers; the first three identify the row, the rest are filled in. */
const columns = [
  { key: 'taskId', header: '任务编号 Task id' },
  { key: 'task', header: '任务内容 Task (reference)' },
  { key: 'status', header: '状态 Status' },
  { key: 'narrative', header: '进展说明 Narrative' },
  { key: 'kpiActuals', header: '指标实际值 KPI actuals (名称=数值)' },
  { key: 'milestonesDone', header: '已完成里程碑 Milestones done' },
  { key: 'nothingToReport', header: '本期无进展理由 Nothing to report: reason' },
  { key: 'kpis', header: '指标 KPIs (reference)' },
  { key: 'milestones', header: '里程碑 Milestones (reference)' },
] as const;
type Column = (typeof columns)[number]['key'];
const column = (key: Column) => columns.findIndex((c) => c.key === key);

const statusNames: Record<TaskProgressStatus, string> = {
  not_started: '未启动',
  in_progress: '推进中',
  implemented: '已落地',
  blocked: '受阻',
};
const statusByText = new Map<string, TaskProgressStatus>(
  taskProgressStatuses.flatMap((s) => [
    [s, s],
    [statusNames[s], s],
    [`${statusNames[s]} ${s}`, s],
  ]),
);
const listSeparator = /\r?\n|；|;/;

const rowOf = (task: PlanTask, entry: ReportEntry | undefined): string[] => {
  const cells: Record<Column, string> = {
    taskId: task.id,
    task: task.description,
    status: entry?.status ? `${statusNames[entry.status]} ${entry.status}` : '',
    narrative: entry?.narrative ?? '',
    kpiActuals: (entry?.kpiActuals ?? []).map((k) => `${k.name}=${k.actual}`).join('\n'),
    milestonesDone: (entry?.milestonesDone ?? []).join('\n'),
    nothingToReport: entry?.nothingToReport ? entry.reason : '',
    kpis: task.kpis.map((k) => `${k.name} (${k.unit}) ${k.baseline} → ${k.target}`).join('\n'),
    milestones: task.milestones.map((m) => m.title).join('\n'),
  };
  return columns.map((c) => cells[c.key]);
};

/** The period's report as an XLSX to fill in offline: one row per task, prefilled with what is saved. */
export async function exportReportTemplate(
  d: ReportDeps,
  ctx: AuthorizedContext,
  input: { pilotAreaId: string; periodId: string },
) {
  const context = await reportContext(d.deps, ctx, input);
  const plan = await planOfReport(d.deps, context);
  const workbook = newWorkbook();
  const sheet = workbook.addWorksheet('report');
  sheet.addRow(columns.map((c) => c.header));
  for (const task of plan.tasks)
    sheet.addRow(
      rowOf(
        task,
        context.report?.entries.find((e) => e.taskId === task.id),
      ),
    );
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return {
    filename: `${context.reportId.replace(/:/g, '-')}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    encoding: 'base64' as const,
    content: Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64'),
    /** import the filled-in file on this version */
    version: context.report?.version ?? 0,
  };
}

function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'result' in value) return String(value.result ?? '').trim();
  if (typeof value === 'object' && 'richText' in value)
    return value.richText
      .map((r) => r.text)
      .join('')
      .trim();
  return cell.text.trim();
}

type RowProblem = Problem & { row: number };

/** One row read into an entry, or its problems (each naming its column). */
function entryOfRow(cells: string[], row: number): { entry?: ReportEntryInput; problems: RowProblem[] } {
  const at = (key: Column) => cells[column(key)] ?? '';
  const problems: RowProblem[] = [];
  const bad = (key: Column, zh: string, en: string) =>
    problems.push({ row, path: columns[column(key)].header, messages: { 'zh-CN': zh, en } });
  const taskId = at('taskId');
  const reason = at('nothingToReport');
  const statusText = at('status');
  const status = statusText
    ? (statusByText.get(statusText) ?? statusByText.get(statusText.split(/\s+/)[0] ?? ''))
    : undefined;
  if (statusText && !status)
    bad(
      'status',
      `状态“${statusText}”无效，须为 未启动、推进中、已落地 或 受阻`,
      `status "${statusText}" is not one of not_started, in_progress, implemented, blocked`,
    );
  const kpiActuals: { name: string; actual: number }[] = [];
  for (const part of at('kpiActuals')
    .split(listSeparator)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name, value] = part.split(/=|＝/).map((s) => s.trim());
    const actual = Number(value);
    if (!name || value === undefined || value === '' || !Number.isFinite(actual))
      bad('kpiActuals', `“${part}”不是“指标名称=数值”的格式`, `"${part}" is not "KPI name=number"`);
    else kpiActuals.push({ name, actual });
  }
  const milestonesDone = at('milestonesDone')
    .split(listSeparator)
    .map((p) => p.trim())
    .filter(Boolean);
  const narrative = at('narrative');
  if (narrative.length > 4000)
    bad('narrative', '进展说明不超过 4000 个字', 'the narrative has at most 4000 characters');
  if (reason && reason.length < 2)
    bad('nothingToReport', '请说明本期无进展的理由', 'give the reason there is nothing to report');
  const empty =
    !statusText && !narrative && kpiActuals.length === 0 && milestonesDone.length === 0 && !reason;
  if (problems.length > 0 || empty) return { problems };
  return {
    problems,
    entry: reason
      ? {
          taskId,
          nothingToReport: { reason },
          ...(statusText ? { status } : {}),
          ...(narrative ? { narrative } : {}),
          ...(kpiActuals.length ? { kpiActuals } : {}),
          ...(milestonesDone.length ? { milestonesDone } : {}),
        }
      : { taskId, ...(status ? { status } : {}), narrative, kpiActuals, milestonesDone },
  };
}

export interface ReportImportResult {
  dryRun: boolean;
  /** task rows read (rows left blank are skipped: those tasks keep what they had) */
  rows: number;
  tasks: string[];
  report: ProgressReportView;
}

/**
 * Imports the filled-in template: every row is checked first (task, status, KPI and milestone
 * names against the plan version) and, on any problem, nothing is written and the error lists
 * each by row and column in both languages. Then the rows are one save of the report (evidence
 * already attached is kept).
 */
export async function importReport(
  d: ReportDeps,
  ctx: AuthorizedContext,
  input: ReportImportInput,
): Promise<ReportImportResult> {
  // whose report it is comes first: another province's report is not found, whatever the file
  const context = await reportContext(d.deps, ctx, input);
  const plan = await planOfReport(d.deps, context);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(input.content))
    throw reportErrors.unreadableFile('content is not base64');
  const file = Buffer.from(input.content, 'base64');
  checkXlsxLimits(file, {
    tooLarge: (what, limit, unit) =>
      reportErrors.unreadableFile(
        `${what.en} exceeds the limit of ${limit} ${unit} / ${what['zh-CN']}超过上限 ${limit}`,
      ),
    unreadable: (reason) => reportErrors.unreadableFile(reason),
  });
  const workbook = newWorkbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch (err) {
    throw reportErrors.unreadableFile((err as Error).message.slice(0, 200));
  }
  const sheet = workbook.worksheets[0];
  const rows: { row: number; cells: string[] }[] = [];
  sheet?.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    rows.push({ row: rowNumber, cells: columns.map((_, i) => cellText(row.getCell(i + 1))) });
  });

  const tasks = new Map(plan.tasks.map((t) => [t.id, t]));
  const problems: RowProblem[] = [];
  const entries: ReportEntryInput[] = [];
  const seen = new Set<string>();
  for (const { row, cells } of rows) {
    const taskId = cells[column('taskId')] ?? '';
    if (!taskId) {
      problems.push({
        row,
        path: columns[column('taskId')].header,
        messages: { 'zh-CN': '缺少任务编号', en: 'the task id is missing' },
      });
      continue;
    }
    if (seen.has(taskId))
      problems.push({
        row,
        path: columns[column('taskId')].header,
        messages: { 'zh-CN': `任务 ${taskId} 出现多次`, en: `task ${taskId} appears more than once` },
      });
    seen.add(taskId);
    const read = entryOfRow(cells, row);
    problems.push(...read.problems);
    if (!read.entry) {
      if (!tasks.has(taskId))
        problems.push(
          ...entryProblems(undefined, { taskId }, () => columns[column('taskId')].header).map((p) => ({
            ...p,
            row,
          })),
        );
      continue;
    }
    const header = (field: string) =>
      columns.find((c) => c.key === field)?.header ?? columns[column('taskId')].header;
    problems.push(...entryProblems(tasks.get(taskId), read.entry, header).map((p) => ({ ...p, row })));
    entries.push(read.entry);
  }
  if (problems.length > 0) throw reportErrors.importRejected(problems);
  const current = context.report?.entries ?? [];
  // evidence stays with its task: the template does not carry files
  const withEvidence = entries.map((e) => ({
    ...e,
    attachmentIds: current.find((c) => c.taskId === e.taskId)?.evidence.map((a) => a.id) ?? [],
  }));
  const result = { dryRun: input.dryRun, rows: entries.length, tasks: entries.map((e) => e.taskId) };
  if (input.dryRun)
    return {
      ...result,
      report: reportView(context.report, { ...context, pilotAreaId: context.area.id }, plan),
    };
  return {
    ...result,
    report: await writeEntries(d, ctx, context, plan, input.version, withEvidence, 'imported'),
  };
}
