import type { ApplicableMeasure, PlanTask } from '@tradepilot/contracts';
import type { MeasureDocument } from './measure-model';
import type { CoverageExplanation } from './plan-model';

/**
 * The measures applicable to the pilot area as an approved version covers them, for
 * `plan.approved.v1`: supervision counts the implementation rate over these, and lists the
 * uncovered ones as "not planned" beside the plan's explanation.
 */
export function applicableMeasures(
  applicable: readonly MeasureDocument[],
  tasks: readonly PlanTask[],
  explanations: readonly CoverageExplanation[],
): ApplicableMeasure[] {
  const covered = new Set(tasks.flatMap((t) => t.measureIds));
  const explained = new Map(explanations.map((e) => [e.measureId, e.explanation]));
  return [...applicable]
    .sort((a, b) => a._id.localeCompare(b._id))
    .map((m) => ({
      measureId: m._id,
      taskGroupId: m.taskGroupId,
      responsibleDepartments: [...m.responsibleDepartments].sort(),
      explanation: covered.has(m._id) ? null : (explained.get(m._id) ?? null),
    }));
}
