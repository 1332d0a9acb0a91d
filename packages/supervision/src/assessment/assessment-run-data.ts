import type { ServiceDeps } from '@tradepilot/service-kit';
import { nationalScope } from '@tradepilot/tenancy';
import { assessmentErrors } from './assessment-errors';
import { rankAreas, type RankedArea } from './assessment-ranking';
import { assessmentResultModel, type AssessmentResultDocument } from './assessment-result-model';
import { assessmentRunModel, type AssessmentRunDocument } from './assessment-run-model';

export const runs = (deps: ServiceDeps) => deps.databases.model(nationalScope, assessmentRunModel);
export const results = (deps: ServiceDeps) => deps.databases.model(nationalScope, assessmentResultModel);

export async function findRun(deps: ServiceDeps, runId: string): Promise<AssessmentRunDocument> {
  const run = await (await runs(deps)).findById(runId).select({ outbox: 0 }).lean<AssessmentRunDocument>();
  if (!run) throw assessmentErrors.runNotFound(runId);
  return run;
}

/** A run's results (at most one per pilot area of the round) and their ranking. */
export async function rankedResults(
  deps: ServiceDeps,
  runId: string,
): Promise<{ results: AssessmentResultDocument[]; ranking: RankedArea[] }> {
  const found = await (await results(deps))
    .find({ runId })
    .sort({ pilotAreaId: 1 })
    .lean<AssessmentResultDocument[]>();
  return {
    results: found,
    ranking: rankAreas(
      found.map((r) => ({ pilotAreaId: r.pilotAreaId, province: r.province, score: r.total })),
    ),
  };
}
