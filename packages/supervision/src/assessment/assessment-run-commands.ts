import { assessmentPublishedV1 } from '@tradepilot/contracts';
import { eventDraft, isDuplicateKeyError, versionClaims } from '@tradepilot/messaging';
import {
  type AuthorizedContext,
  type ServiceDeps,
  auditTrailModel,
  versionedAuditLine,
} from '@tradepilot/service-kit';
import { nationalScope } from '@tradepilot/tenancy';
import { randomUUID } from 'node:crypto';
import { nationalAreaModel, type NationalAreaRow } from '../national-area-model';
import { reportingPeriodModel, type ReportingPeriodDocument } from '../reporting-period-model';
import { scoreIndicator, totalOf } from './assessment-area-score';
import { assessmentErrors } from './assessment-errors';
import type { AutomaticSource } from './assessment-figures';
import { assessmentFrameworkModel, type AssessmentFrameworkDocument } from './assessment-framework-model';
import type { ManualScoreInput } from './assessment-inputs';
import { assessmentResultId, type AssessmentResultDocument } from './assessment-result-model';
import { roundFigures } from './assessment-round-figures';
import { findRun, rankedResults, results, runs } from './assessment-run-data';
import type { AssessmentRunDocument } from './assessment-run-model';
import { resultView, runView, type AssessmentResultView, type AssessmentRunView } from './assessment-views';

export const runAuditSubject = 'assessment-run';
export const resultAuditSubject = 'assessment-result';

/**
 * The ministry runs a framework: every pilot area of the round with a plan in force is scored
 * from the projections (each number with its basis), as a draft that takes manual scores until
 * it is published. Each run of a framework is its next version (1, 2, …).
 */
export async function startRun(
  deps: ServiceDeps,
  ctx: AuthorizedContext,
  input: { frameworkId: string },
): Promise<AssessmentRunView> {
  const framework = await (await deps.databases.model(nationalScope, assessmentFrameworkModel))
    .findById(input.frameworkId)
    .lean<AssessmentFrameworkDocument>();
  if (!framework) throw assessmentErrors.frameworkNotFound(input.frameworkId);
  const round = framework.round;
  const areas = await (await deps.databases.model(nationalScope, nationalAreaModel))
    .find({ round })
    .sort({ pilotAreaId: 1 })
    .lean<NationalAreaRow[]>();
  if (areas.length === 0) throw assessmentErrors.noAreasToAssess(round);
  const periods = await (await deps.databases.model(nationalScope, reportingPeriodModel))
    .find({ round })
    .select({ outbox: 0 })
    .sort({ start: 1 })
    .lean<ReportingPeriodDocument[]>();
  const figures = await roundFigures(deps, round, framework.indicators, areas, periods);
  const now = deps.now();
  const runId = randomUUID();
  const documents: AssessmentResultDocument[] = areas.map((area) => {
    const scores = framework.indicators.map((indicator) =>
      scoreIndicator(
        indicator,
        indicator.source === 'manual'
          ? undefined
          : figures[indicator.source as AutomaticSource]?.get(area.pilotAreaId),
      ),
    );
    return {
      _id: assessmentResultId(runId, area.pilotAreaId),
      runId,
      round,
      province: area.province,
      pilotAreaId: area.pilotAreaId,
      indicators: scores,
      total: totalOf(scores),
      version: 1,
      updatedAt: now,
    };
  });
  // the results first: a run is never visible without them
  await (await results(deps)).insertMany(documents);
  const model = await runs(deps);
  for (;;) {
    const [last] = await model
      .find({ frameworkId: framework._id })
      .select({ runVersion: 1 })
      .sort({ runVersion: -1 })
      .limit(1)
      .lean<Pick<AssessmentRunDocument, 'runVersion'>[]>();
    const runVersion = (last?.runVersion ?? 0) + 1;
    try {
      const created = await deps.outbox.create(
        model,
        {
          _id: runId,
          frameworkId: framework._id,
          frameworkVersion: framework.version,
          round,
          runVersion,
          name: framework.name,
          indicators: framework.indicators,
          status: 'draft',
          areaCount: documents.length,
          computedAt: now,
          computedBy: ctx.actor.userId,
          publishedAt: null,
          publishedBy: null,
          updatedAt: now,
        } as never,
        [],
        { tenant: nationalScope.tenant, actor: ctx.actor, now },
      );
      await (
        await deps.databases.model(nationalScope, auditTrailModel)
      ).replaceOne(
        { _id: `${runAuditSubject}:${runId}:1` },
        versionedAuditLine({ type: runAuditSubject, id: runId }, 1, ctx.actor, now, 'started', [
          { field: 'status', before: null, after: 'draft' },
          { field: 'frameworkVersion', before: null, after: framework.version },
          { field: 'runVersion', before: null, after: runVersion },
        ]),
        { upsert: true },
      );
      return runView(created);
    } catch (err) {
      // another run of the framework took this number at the same moment: take the next
      if (!isDuplicateKeyError(err)) throw err;
    }
  }
}

/**
 * The ministry scores a manual indicator of one area in a draft run, with evidence and a comment.
 * Under the claim of the run's next version, so a publication and a score never interleave: a
 * score either lands before the run is frozen or is refused.
 */
export async function scoreManually(
  deps: ServiceDeps,
  ctx: AuthorizedContext,
  input: ManualScoreInput,
): Promise<AssessmentResultView> {
  const run = await findRun(deps, input.runId);
  if (run.status === 'published')
    throw assessmentErrors.runPublished(run._id, run.runVersion, run.publishedAt);
  const indicator = run.indicators.find((i) => i.id === input.indicatorId);
  if (!indicator)
    throw assessmentErrors.indicatorUnknown(
      input.indicatorId,
      run.indicators.map((i) => i.id),
    );
  if (indicator.source !== 'manual')
    throw assessmentErrors.indicatorNotManual(indicator.id, indicator.source);
  if (input.points > indicator.weight)
    throw assessmentErrors.pointsAboveWeight(indicator.id, input.points, indicator.weight);
  const resultModel = await results(deps);
  const id = assessmentResultId(run._id, input.pilotAreaId);
  const result = await resultModel.findById(id).lean<AssessmentResultDocument>();
  if (!result) throw assessmentErrors.resultNotFound(run._id, input.pilotAreaId);
  const now = deps.now();
  const manual = {
    points: input.points,
    evidence: input.evidence,
    comment: input.comment,
    scoredBy: ctx.actor.userId,
    scoredAt: now,
  };
  const before = result.indicators.find((s) => s.indicatorId === indicator.id);
  const indicators = run.indicators.map((i) =>
    i.id === indicator.id
      ? scoreIndicator(i, undefined, manual)
      : (result.indicators.find((s) => s.indicatorId === i.id) ?? scoreIndicator(i, undefined)),
  );
  const runModel = await runs(deps);
  const updated = await versionClaims.change(runModel as never, run._id, run.version, async () => {
    const now2 = await runModel
      .findById(run._id)
      .select({ version: 1, status: 1 })
      .lean<AssessmentRunDocument>();
    if (now2?.version !== run.version || now2.status !== 'draft') return null;
    const written = await resultModel
      .findOneAndUpdate(
        { _id: id, version: result.version },
        { $set: { indicators, total: totalOf(indicators), updatedAt: now }, $inc: { version: 1 } },
        { new: true },
      )
      .lean<AssessmentResultDocument>();
    if (!written) return null;
    await (
      await deps.databases.model(nationalScope, auditTrailModel)
    ).replaceOne(
      { _id: `${resultAuditSubject}:${id}:${written.version}` },
      versionedAuditLine(
        { type: resultAuditSubject, id },
        written.version,
        ctx.actor,
        now,
        'manually-scored',
        [
          {
            field: `indicators.${indicator.id}`,
            before: before ? { points: before.points, manual: before.manual } : null,
            after: { points: manual.points, evidence: manual.evidence },
          },
          { field: 'total', before: result.total, after: written.total },
        ],
        input.comment,
      ),
      { upsert: true },
    );
    await runModel.updateOne(
      { _id: run._id, version: run.version },
      { $set: { updatedAt: now }, $inc: { version: 1 } },
    );
    return written;
  });
  if (!updated) {
    const current = await findRun(deps, run._id);
    if (current.status === 'published')
      throw assessmentErrors.runPublished(current._id, current.runVersion, current.publishedAt);
    throw assessmentErrors.runBusy(run._id);
  }
  const { ranking } = await rankedResults(deps, run._id);
  return resultView({ ...run, version: run.version + 1 }, updated, ranking);
}

/**
 * The ministry publishes a draft run: its scores and ranks are frozen for good and
 * `assessment.published.v1` goes out in the same write. Publishing again is refused.
 */
export async function publishRun(
  deps: ServiceDeps,
  ctx: AuthorizedContext,
  input: { runId: string },
): Promise<AssessmentRunView> {
  const model = await runs(deps);
  for (let attempt = 1; ; attempt += 1) {
    const run = await findRun(deps, input.runId);
    if (run.status === 'published')
      throw assessmentErrors.runPublished(run._id, run.runVersion, run.publishedAt);
    const { ranking } = await rankedResults(deps, run._id);
    const now = deps.now();
    const updated = await deps.outbox.commit(
      model,
      run,
      { $set: { status: 'published', publishedAt: now, publishedBy: ctx.actor.userId, updatedAt: now } },
      [
        eventDraft(assessmentPublishedV1, {
          runId: run._id,
          frameworkId: run.frameworkId,
          round: run.round,
          runVersion: run.runVersion,
          scores: ranking.map((r) => ({
            pilotAreaId: r.pilotAreaId,
            province: r.province,
            score: r.score,
            rank: r.rank,
          })),
          publishedAt: now.toISOString(),
        }),
      ],
      { tenant: nationalScope.tenant, actor: ctx.actor, now },
      [
        {
          model: await deps.databases.model(nationalScope, auditTrailModel),
          document: {
            ...versionedAuditLine(
              { type: runAuditSubject, id: run._id },
              run.version + 1,
              ctx.actor,
              now,
              'published',
              [{ field: 'status', before: 'draft', after: 'published' }],
            ),
          },
        },
      ],
    );
    if (updated) return runView(updated);
    // a manual score landed in between: publish what is there now (a few times, then say so)
    if (attempt >= 5) throw assessmentErrors.runBusy(run._id);
  }
}
