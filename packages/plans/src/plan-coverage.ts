import type { LocalizedText, MeasureCoverage, PlanTask } from '@tradepilot/contracts';
import type { MeasureDocument } from './measure-model';
import type { CoverageExplanation } from './plan-model';

export interface MeasureCoverageLine {
  measureId: string;
  taskGroupId: string;
  text: LocalizedText;
  covered: boolean;
  /** the tasks that cover it */
  taskIds: string[];
  explanation: string | null;
}

export interface PlanCoverage extends MeasureCoverage {
  measures: MeasureCoverageLine[];
  /** uncovered measures without an explanation: submission is refused while any remain */
  unexplained: string[];
}

/** Which of the measures applicable to the pilot area the tasks cover, and why the others are not. */
export function planCoverage(
  applicable: MeasureDocument[],
  tasks: PlanTask[],
  explanations: CoverageExplanation[],
): PlanCoverage {
  const explained = new Map(explanations.map((e) => [e.measureId, e.explanation]));
  const measures = [...applicable]
    .sort((a, b) => a._id.localeCompare(b._id))
    .map((m): MeasureCoverageLine => {
      const taskIds = tasks.filter((t) => t.measureIds.includes(m._id)).map((t) => t.id);
      return {
        measureId: m._id,
        taskGroupId: m.taskGroupId,
        text: m.text,
        covered: taskIds.length > 0,
        taskIds,
        explanation: explained.get(m._id) ?? null,
      };
    });
  const covered = measures.filter((m) => m.covered).length;
  return {
    applicable: measures.length,
    covered,
    percent: measures.length === 0 ? 100 : Math.round((covered / measures.length) * 1000) / 10,
    measures,
    unexplained: measures.filter((m) => !m.covered && !m.explanation).map((m) => m.measureId),
  };
}

export const coverageSummary = ({ applicable, covered, percent }: PlanCoverage): MeasureCoverage => ({
  applicable,
  covered,
  percent,
});
