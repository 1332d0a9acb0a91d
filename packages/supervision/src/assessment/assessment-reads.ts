import {
  type AuthorizedContext,
  type ServiceDeps,
  requireProvince,
  auditTrailModel,
  type AuditTrailEntry,
} from '@tradepilot/service-kit';
import { nationalScope } from '@tradepilot/tenancy';
import { ownPilotArea, pilotAreaForCaller } from '../pilot-area-access';
import { assessmentErrors } from './assessment-errors';
import { frameworkAuditSubject } from './assessment-framework-commands';
import { assessmentFrameworkModel, type AssessmentFrameworkDocument } from './assessment-framework-model';
import { assessmentResultId, type AssessmentResultDocument } from './assessment-result-model';
import { findRun, rankedResults, results, runs } from './assessment-run-data';
import type { AssessmentRunDocument } from './assessment-run-model';
import { frameworkView, rankingRows, resultView, runView } from './assessment-views';

const frameworks = (deps: ServiceDeps) => deps.databases.model(nationalScope, assessmentFrameworkModel);

const history = async (deps: ServiceDeps, subjectType: string, subjectId: string) =>
  (
    await (await deps.databases.model(nationalScope, auditTrailModel))
      .find({ subjectType, subjectId })
      .sort({ at: 1 })
      .lean<AuditTrailEntry[]>()
  ).map((a) => ({
    action: a.action,
    at: a.at.toISOString(),
    userId: a.userId,
    version: a.version,
    changes: a.changes,
    reason: a.reason,
  }));

/** One framework with every saved version's change (the audit trail). */
export async function getFramework(deps: ServiceDeps, input: { frameworkId: string }) {
  const found = await (await frameworks(deps))
    .findById(input.frameworkId)
    .lean<AssessmentFrameworkDocument>();
  if (!found) throw assessmentErrors.frameworkNotFound(input.frameworkId);
  return { ...frameworkView(found), history: await history(deps, frameworkAuditSubject, found._id) };
}

/** The frameworks of a round (the newest round when none is named). */
export async function listFrameworks(deps: ServiceDeps, input: { round?: number | undefined }) {
  const round = input.round ?? deps.registry.latestRound();
  const found = await (await frameworks(deps))
    .find({ round })
    .sort({ _id: 1 })
    .lean<AssessmentFrameworkDocument[]>();
  return { round, frameworks: found.map(frameworkView) };
}

/** The runs of a round (or of one framework), newest version first. */
export async function listRuns(
  deps: ServiceDeps,
  input: { round?: number | undefined; frameworkId?: string | undefined },
) {
  const round = input.round ?? deps.registry.latestRound();
  const found = await (
    await runs(deps)
  )
    .find(input.frameworkId ? { round, frameworkId: input.frameworkId } : { round })
    .select({ outbox: 0, indicators: 0 })
    .sort({ frameworkId: 1, runVersion: -1 })
    .lean<AssessmentRunDocument[]>();
  return { round, runs: found.map((r) => runView({ ...r, indicators: [] })) };
}

/** A run with its ranking (each area's total, rank and points per indicator). */
export async function getRun(deps: ServiceDeps, input: { runId: string }) {
  const run = await findRun(deps, input.runId);
  const { results: found, ranking } = await rankedResults(deps, run._id);
  return { ...runView(run), ranking: rankingRows(ranking, found) };
}

/** One area's result in a run, every number explained (the ministry: any run, draft or published). */
export async function getResult(deps: ServiceDeps, input: { runId: string; pilotAreaId: string }) {
  const run = await findRun(deps, input.runId);
  const { results: found, ranking } = await rankedResults(deps, run._id);
  const result = found.find((r) => r.pilotAreaId === input.pilotAreaId);
  if (!result) throw assessmentErrors.resultNotFound(run._id, input.pilotAreaId);
  return resultView(run, result, ranking);
}

/** A published run, or not found: a draft is the ministry's alone. */
async function publishedRun(deps: ServiceDeps, runId: string): Promise<AssessmentRunDocument> {
  const run = await (await runs(deps))
    .findOne({ _id: runId, status: 'published' })
    .select({ outbox: 0 })
    .lean<AssessmentRunDocument>();
  if (!run) throw assessmentErrors.runNotFound(runId);
  return run;
}

/**
 * The published runs of a round with the caller's own areas in them (a province: its areas; a
 * pilot area: itself), each with its national rank. Read from `supervision_national`, filtered by
 * the caller's province.
 */
export async function ownPublishedResults(
  deps: ServiceDeps,
  ctx: AuthorizedContext,
  input: { round?: number | undefined },
) {
  const province = requireProvince(ctx).tenant;
  const own = ownPilotArea(ctx);
  const round = input.round ?? deps.registry.latestRound();
  const published = await (await runs(deps))
    .find({ round, status: 'published' })
    .select({ outbox: 0 })
    .sort({ frameworkId: 1, runVersion: -1 })
    .lean<AssessmentRunDocument[]>();
  const answer = [];
  for (const run of published) {
    const { results: found, ranking } = await rankedResults(deps, run._id);
    const mine = (r: { province: string; pilotAreaId: string }) =>
      r.province === province && (own === undefined || r.pilotAreaId === own);
    answer.push({
      ...runView(run),
      areas: rankingRows(ranking, found).filter(mine),
    });
  }
  return { round, province, runs: answer };
}

/** One of the caller's own areas in a published run, with the drill-down. */
export async function ownResult(
  deps: ServiceDeps,
  ctx: AuthorizedContext,
  input: { runId: string; pilotAreaId: string },
) {
  const { area } = pilotAreaForCaller(deps, ctx, input.pilotAreaId);
  const run = await publishedRun(deps, input.runId);
  const result = await (await results(deps))
    .findById(assessmentResultId(run._id, area.id))
    .lean<AssessmentResultDocument>();
  if (!result) throw assessmentErrors.resultNotFound(run._id, area.id);
  const { ranking } = await rankedResults(deps, run._id);
  return resultView(run, result, ranking);
}
