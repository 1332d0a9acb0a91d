import type { ApplicableMeasure, MeasureImplementationStatus, PlanTask } from '@tradepilot/contracts';
import type { ReportEntry, TaskProgressStatus } from '../reports/report-model';

/** Where one applicable measure stands in a pilot area for a period. */
export interface MeasureStatusLine {
  measureId: string;
  taskGroupId: string;
  responsibleDepartments: string[];
  status: MeasureImplementationStatus;
  /** the tasks of the plan in force mapped to it (none: not planned) */
  taskIds: string[];
  /** the plan's coverage explanation of a measure no task maps to */
  explanation: string | null;
}

/** What a task stood at when the report was accepted (null: never reported with a status). */
export interface TaskStatusLine {
  taskId: string;
  status: TaskProgressStatus | null;
}

/** The group of measures a version approved before the event carried the catalog's groups. */
export const unknownTaskGroup = 'unknown';

/**
 * The status of each task this period: what the report says; for "nothing to report this
 * period", where the task stood in the area's previous accepted period (nothing was done, so
 * nothing changed), or no status at all.
 */
export function taskStatusesOf(
  taskIds: readonly string[],
  entries: readonly Pick<ReportEntry, 'taskId' | 'nothingToReport' | 'status'>[],
  before: readonly TaskStatusLine[] = [],
): TaskStatusLine[] {
  const reported = new Map(entries.map((e) => [e.taskId, e]));
  const earlier = new Map(before.map((t) => [t.taskId, t.status]));
  return taskIds.map((taskId) => {
    const entry = reported.get(taskId);
    const status = entry && !entry.nothingToReport ? (entry.status ?? null) : (earlier.get(taskId) ?? null);
    return { taskId, status };
  });
}

/**
 * Every applicable measure's status: implemented when every task of the plan in force mapped to
 * it is implemented, not planned when no task maps to it, otherwise not implemented. A version
 * approved before the event listed the applicable measures counts the measures its tasks map to.
 */
export function measureStatuses(
  applicable: readonly ApplicableMeasure[] | null | undefined,
  tasks: readonly Pick<PlanTask, 'id' | 'measureIds'>[],
  taskStatuses: readonly TaskStatusLine[],
): MeasureStatusLine[] {
  const statusOf = new Map(taskStatuses.map((t) => [t.taskId, t.status]));
  const measures: readonly ApplicableMeasure[] =
    applicable ??
    [...new Set(tasks.flatMap((t) => t.measureIds))].map((measureId) => ({
      measureId,
      taskGroupId: unknownTaskGroup,
      responsibleDepartments: [],
      explanation: null,
    }));
  return [...measures]
    .sort((a, b) => a.measureId.localeCompare(b.measureId))
    .map((m) => {
      const taskIds = tasks.filter((t) => t.measureIds.includes(m.measureId)).map((t) => t.id);
      const status: MeasureImplementationStatus =
        taskIds.length === 0
          ? 'not_planned'
          : taskIds.every((id) => statusOf.get(id) === 'implemented')
            ? 'implemented'
            : 'not_implemented';
      return {
        measureId: m.measureId,
        taskGroupId: m.taskGroupId,
        responsibleDepartments: [...m.responsibleDepartments],
        status,
        taskIds,
        explanation: status === 'not_planned' ? m.explanation : null,
      };
    });
}
