import type { FieldIssue, PlanTask } from '@tradepilot/contracts';
import { fieldIssue } from './field-problems';
import type { MeasureDocument } from './measure-model';
import type { CoverageExplanation } from './plan-model';

/**
 * What the catalog says about a plan's tasks and explanations: task ids unique, every task maps
 * to at least one measure, every measure exists, is active and applies to the pilot area.
 */
export function planContentIssues(
  pilotAreaId: string,
  tasks: PlanTask[] | undefined,
  explanations: CoverageExplanation[] | undefined,
  catalog: Map<string, MeasureDocument>,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const measureProblem = (path: string, measureId: string): FieldIssue | undefined => {
    const measure = catalog.get(measureId);
    if (!measure) {
      return fieldIssue(
        path,
        'MEASURE_NOT_IN_CATALOG',
        `举措 ${measureId} 不在举措目录中`,
        `measure ${measureId} is not in the measures catalog`,
      );
    }
    if (measure.status !== 'active') {
      return fieldIssue(
        path,
        'MEASURE_RETIRED',
        `举措 ${measureId} 已停用`,
        `measure ${measureId} is retired`,
      );
    }
    if (!measure.pilotAreas.includes(pilotAreaId)) {
      return fieldIssue(
        path,
        'MEASURE_NOT_APPLICABLE',
        `举措 ${measureId} 不适用于试点地区 ${pilotAreaId}`,
        `measure ${measureId} does not apply to pilot area ${pilotAreaId}`,
      );
    }
    return undefined;
  };

  const taskIds = new Set<string>();
  (tasks ?? []).forEach((task, i) => {
    if (taskIds.has(task.id)) {
      issues.push(
        fieldIssue(
          `tasks.${i}.id`,
          'DUPLICATE_TASK_ID',
          `任务编号 ${task.id} 重复`,
          `task id ${task.id} is used twice`,
        ),
      );
    }
    taskIds.add(task.id);
    if (task.measureIds.length === 0) {
      issues.push(
        fieldIssue(
          `tasks.${i}.measureIds`,
          'TASK_WITHOUT_MEASURE',
          '每项任务须对应至少一项举措',
          'each task maps to at least one measure',
        ),
      );
    }
    const seen = new Set<string>();
    task.measureIds.forEach((measureId, j) => {
      const path = `tasks.${i}.measureIds.${j}`;
      if (seen.has(measureId)) {
        issues.push(
          fieldIssue(
            path,
            'DUPLICATE_MEASURE',
            `举措 ${measureId} 在该任务中重复`,
            `measure ${measureId} is listed twice in this task`,
          ),
        );
      }
      seen.add(measureId);
      const problem = measureProblem(path, measureId);
      if (problem) issues.push(problem);
    });
  });

  const explained = new Set<string>();
  (explanations ?? []).forEach((e, i) => {
    const path = `coverageExplanations.${i}.measureId`;
    if (explained.has(e.measureId)) {
      issues.push(
        fieldIssue(
          path,
          'DUPLICATE_EXPLANATION',
          `举措 ${e.measureId} 的说明重复`,
          `measure ${e.measureId} is explained twice`,
        ),
      );
    }
    explained.add(e.measureId);
    const problem = measureProblem(path, e.measureId);
    if (problem) issues.push(problem);
  });
  return issues;
}

/** Every measure id a plan's content names. */
export const measureIdsOf = (
  tasks: PlanTask[] | undefined,
  explanations: CoverageExplanation[] | undefined,
) => [...(tasks ?? []).flatMap((t) => t.measureIds), ...(explanations ?? []).map((e) => e.measureId)];
