import type { PlanTask, ReportTimeliness } from '@tradepilot/contracts';
import type { WorkingCalendar } from '@tradepilot/timers';
import type { EvidenceRef, ReportEntry } from './report-model';
import type { ReportEntryInput } from './report-inputs';

export interface Problem {
  /** where: `entries.<i>.<field>` for a save, the column for an import */
  path: string;
  messages: { 'zh-CN': string; en: string };
}

const problem = (path: string, zh: string, en: string): Problem => ({ path, messages: { 'zh-CN': zh, en } });

/**
 * Everything wrong with one entry against its task of the plan version in force (all at once):
 * an unknown task, progress and "nothing to report" mixed, a missing status, KPIs and milestones
 * the task does not have.
 */
export function entryProblems(
  task: PlanTask | undefined,
  entry: ReportEntryInput,
  path: (field: string) => string,
): Problem[] {
  if (!task)
    return [
      problem(
        path('taskId'),
        `任务 ${entry.taskId} 不在本期适用的实施方案中`,
        `task ${entry.taskId} is not in the plan version in force for the period`,
      ),
    ];
  const problems: Problem[] = [];
  const progressGiven =
    entry.status !== undefined ||
    (entry.narrative ?? '') !== '' ||
    (entry.kpiActuals?.length ?? 0) > 0 ||
    (entry.milestonesDone?.length ?? 0) > 0;
  if (entry.nothingToReport) {
    if (progressGiven)
      problems.push(
        problem(
          path('nothingToReport'),
          `任务 ${task.id}：选择“本期无进展”时不能同时填写状态、进展说明、指标或里程碑`,
          `task ${task.id}: "nothing to report" cannot come with a status, narrative, KPIs or milestones`,
        ),
      );
    return problems;
  }
  if (entry.status === undefined)
    problems.push(
      problem(
        path('status'),
        `任务 ${task.id}：请填写状态，或选择“本期无进展”并说明理由`,
        `task ${task.id}: give a status, or "nothing to report" with a reason`,
      ),
    );
  const kpis = new Set(task.kpis.map((k) => k.name));
  const seenKpis = new Set<string>();
  for (const actual of entry.kpiActuals ?? []) {
    if (!kpis.has(actual.name))
      problems.push(
        problem(
          path('kpiActuals'),
          `任务 ${task.id} 没有指标“${actual.name}”（指标：${[...kpis].join('、') || '无'}）`,
          `task ${task.id} has no KPI "${actual.name}" (its KPIs: ${[...kpis].join(', ') || 'none'})`,
        ),
      );
    else if (seenKpis.has(actual.name))
      problems.push(
        problem(
          path('kpiActuals'),
          `任务 ${task.id}：指标“${actual.name}”重复填写`,
          `task ${task.id}: KPI "${actual.name}" is given twice`,
        ),
      );
    seenKpis.add(actual.name);
  }
  const milestones = new Set(task.milestones.map((m) => m.title));
  for (const title of entry.milestonesDone ?? []) {
    if (!milestones.has(title))
      problems.push(
        problem(
          path('milestonesDone'),
          `任务 ${task.id} 没有里程碑“${title}”（里程碑：${[...milestones].join('、') || '无'}）`,
          `task ${task.id} has no milestone "${title}" (its milestones: ${[...milestones].join(', ') || 'none'})`,
        ),
      );
  }
  return problems;
}

/** The stored entry for a valid input (evidence resolved by the caller). */
export function entryOf(input: ReportEntryInput, evidence: EvidenceRef[]): ReportEntry {
  if (input.nothingToReport)
    return {
      taskId: input.taskId,
      nothingToReport: true,
      status: null,
      narrative: '',
      kpiActuals: [],
      milestonesDone: [],
      evidence,
      reason: input.nothingToReport.reason,
    };
  return {
    taskId: input.taskId,
    nothingToReport: false,
    status: input.status ?? null,
    narrative: input.narrative ?? '',
    kpiActuals: input.kpiActuals ?? [],
    milestonesDone: [...new Set(input.milestonesDone ?? [])],
    evidence,
    reason: '',
  };
}

/** The entries after a save: the named tasks replaced, the others kept, in the plan's order. */
export function mergeEntries(
  taskIds: readonly string[],
  current: readonly ReportEntry[],
  changed: readonly ReportEntry[],
): ReportEntry[] {
  const byTask = new Map(current.map((e) => [e.taskId, e]));
  for (const entry of changed) byTask.set(entry.taskId, entry);
  return taskIds.flatMap((id) => {
    const entry = byTask.get(id);
    return entry ? [entry] : [];
  });
}

/** The tasks a report does not yet cover (it cannot be submitted while any is left). */
export const missingTasks = (taskIds: readonly string[], entries: readonly ReportEntry[]): string[] =>
  taskIds.filter((id) => !entries.some((e) => e.taskId === id));

/** The day an instant falls on in China (due dates are calendar days there). */
export const chinaDay = (at: Date): string =>
  new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** On time when delivered by the due date; otherwise late by the working days past it. */
export function timelinessOf(due: string, submittedAt: Date, calendar: WorkingCalendar): ReportTimeliness {
  const day = chinaDay(submittedAt);
  if (day <= due) return { status: 'on_time', daysLate: 0 };
  return { status: 'late', daysLate: Math.max(1, calendar.workingDaysBetween(due, day)) };
}
