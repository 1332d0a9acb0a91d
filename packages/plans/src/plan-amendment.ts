import { planAmendmentStartedV1 } from '@tradepilot/contracts';
import { eventDraft } from '@tradepilot/messaging';
import type { AuthorizedContext, ServiceDeps } from '@tradepilot/service-kit';
import { planReadyFor } from './plan-access';
import { commitOrConflict } from './plan-commit';
import type { AmendmentInProgress } from './plan-model';
import { planCaller } from './plan-permissions';
import type { PlanRepository } from './plan-repository';
import { toPlanView, type PlanView } from './plan-view';

/**
 * An approved plan is read-only; an amendment reopens its content as a new draft that goes through
 * sign-off and approval again. The approved version stays in force until the amendment is approved.
 */
export async function startAmendment(
  deps: ServiceDeps,
  plans: PlanRepository,
  ctx: AuthorizedContext,
  input: { planId: string; version: number; reason: string },
): Promise<PlanView> {
  const { scope, plan } = await planReadyFor(plans, ctx, input, {
    action: { 'zh-CN': '发起修订', en: 'amended' },
    allowed: ['approved', 'implementing'],
    needsVersionInForce: true,
  });
  const now = deps.now();
  const amendment: AmendmentInProgress = {
    startedAt: now,
    startedBy: ctx.principal.userId,
    reason: input.reason,
    resumeStatus: plan.status,
  };
  const updated = await commitOrConflict(
    deps,
    plans,
    scope,
    plan,
    ctx.actor,
    {
      set: { status: 'drafting', amendment, signOffs: [], returnReason: null },
      events: [
        eventDraft(planAmendmentStartedV1, {
          planId: plan._id,
          pilotAreaId: plan.pilotAreaId,
          round: plan.round,
          inForceSubmission: plan.inForce.submission,
          reason: input.reason,
          startedAt: now.toISOString(),
        }),
      ],
      audit: {
        action: 'amendment-started',
        changes: [{ field: 'status', before: plan.status, after: 'drafting' }],
        reason: input.reason,
      },
    },
    input.version,
  );
  return toPlanView(updated, planCaller(deps, ctx));
}
