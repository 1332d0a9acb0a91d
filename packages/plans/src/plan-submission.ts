import { planSubmittedV1 } from '@tradepilot/contracts';
import { eventDraft } from '@tradepilot/messaging';
import type { AuthorizedContext, ServiceDeps } from '@tradepilot/service-kit';
import type { MeasureCatalog } from './measure-catalog';
import { planReadyFor } from './plan-access';
import { coverageSummary, planCoverage } from './plan-coverage';
import { assertContentMatchesCatalog } from './plan-drafting';
import { commitOrConflict } from './plan-commit';
import { periodRequired, signOffMissing, uncoveredMeasuresUnexplained } from './plan-errors';
import type { SubmissionRecord } from './plan-model';
import { planCaller } from './plan-permissions';
import type { PlanRepository } from './plan-repository';
import { planVersionId } from './plan-version-model';
import { editableStatuses, missingParties, toPlanView, type PlanView } from './plan-view';

/**
 * Sends the plan for approval: both parties signed, a period, every applicable measure covered or
 * explained. The content is frozen as an immutable version and travels in `plan.submitted.v1`
 * with the central departments responsible for the measures its tasks cover.
 */
export async function submitPlan(
  deps: ServiceDeps,
  plans: PlanRepository,
  catalog: MeasureCatalog,
  ctx: AuthorizedContext,
  input: { planId: string; version: number },
): Promise<PlanView> {
  const { scope, plan } = await planReadyFor(plans, ctx, input, {
    action: { 'zh-CN': '提交', en: 'submitted' },
    allowed: editableStatuses,
  });
  const missing = missingParties(plan);
  if (missing.length > 0) throw signOffMissing(missing);
  if (!plan.period) throw periodRequired();
  await assertContentMatchesCatalog(catalog, plan.pilotAreaId, plan.tasks, plan.coverageExplanations);
  const coverage = planCoverage(
    await catalog.applicableTo(plan.pilotAreaId),
    plan.tasks,
    plan.coverageExplanations,
  );
  if (coverage.unexplained.length > 0) throw uncoveredMeasuresUnexplained(coverage.unexplained);

  const covered = await catalog.byIds(plan.tasks.flatMap((t) => t.measureIds));
  const responsibleDepartments = [
    ...new Set([...covered.values()].flatMap((m) => m.responsibleDepartments)),
  ].sort();
  const now = deps.now();
  const submission = plan.submission + 1;
  const measureCoverage = coverageSummary(coverage);
  const amendment = plan.amendment !== null;

  // frozen first: if the commit below loses a race, this leftover is replaced by the next attempt
  await plans.freeze(scope, {
    _id: planVersionId(plan._id, submission),
    planId: plan._id,
    pilotAreaId: plan.pilotAreaId,
    submission,
    planVersion: plan.version,
    title: plan.title,
    period: plan.period,
    tasks: plan.tasks,
    coverageExplanations: plan.coverageExplanations,
    signOffs: plan.signOffs,
    measureCoverage,
    frozenAt: now,
  });
  const record: SubmissionRecord = {
    submission,
    submittedAt: now,
    submittedBy: ctx.principal.userId,
    amendment,
    taskCount: plan.tasks.length,
    measureCoverage,
    outcome: 'pending',
    reason: null,
    caseId: null,
    decidedAt: null,
    decidedBy: null,
  };
  const updated = await commitOrConflict(
    deps,
    plans,
    scope,
    plan,
    ctx.actor,
    {
      set: { status: 'submitted', submission, submittedAt: now, returnReason: null, signOffs: [] },
      push: { submissions: record },
      events: [
        eventDraft(planSubmittedV1, {
          planId: plan._id,
          pilotAreaId: plan.pilotAreaId,
          round: plan.round,
          title: plan.title,
          submission,
          submittedAt: now.toISOString(),
          tasks: plan.tasks,
          responsibleDepartments,
          measureCoverage,
          amendment,
        }),
      ],
      audit: {
        action: 'submitted',
        changes: [
          { field: 'status', before: plan.status, after: 'submitted' },
          { field: 'submission', before: plan.submission, after: submission },
        ],
      },
    },
    input.version,
  );
  return toPlanView(updated, planCaller(deps, ctx));
}
