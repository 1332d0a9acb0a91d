import { planClosedV1, planImplementationStartedV1 } from '@tradepilot/contracts';
import { eventDraft } from '@tradepilot/messaging';
import type { AuthorizedContext, ServiceDeps } from '@tradepilot/service-kit';
import { planReadyFor } from './plan-access';
import { commitOrConflict } from './plan-commit';
import { planCaller } from './plan-permissions';
import type { PlanRepository } from './plan-repository';
import { toPlanView, type PlanView } from './plan-view';

/** approved → implementing: the pilot area starts carrying out the version in force. */
export async function startImplementation(
  deps: ServiceDeps,
  plans: PlanRepository,
  ctx: AuthorizedContext,
  input: { planId: string; version: number },
): Promise<PlanView> {
  const { scope, plan } = await planReadyFor(plans, ctx, input, {
    action: { 'zh-CN': '开始实施', en: 'put into implementation' },
    allowed: ['approved'],
    needsVersionInForce: true,
  });
  const now = deps.now();
  const updated = await commitOrConflict(
    deps,
    plans,
    scope,
    plan,
    ctx.actor,
    {
      set: { status: 'implementing' },
      events: [
        eventDraft(planImplementationStartedV1, {
          planId: plan._id,
          pilotAreaId: plan.pilotAreaId,
          round: plan.round,
          inForceSubmission: plan.inForce.submission,
          startedAt: now.toISOString(),
        }),
      ],
      audit: {
        action: 'implementation-started',
        changes: [{ field: 'status', before: 'approved', after: 'implementing' }],
      },
    },
    input.version,
  );
  return toPlanView(updated, planCaller(deps, ctx));
}

/** approved or implementing → closed, with a reason; a closed plan never changes again. */
export async function closePlan(
  deps: ServiceDeps,
  plans: PlanRepository,
  ctx: AuthorizedContext,
  input: { planId: string; version: number; reason: string },
): Promise<PlanView> {
  const { scope, plan } = await planReadyFor(plans, ctx, input, {
    action: { 'zh-CN': '关闭', en: 'closed' },
    allowed: ['approved', 'implementing'],
    needsVersionInForce: true,
  });
  const now = deps.now();
  const updated = await commitOrConflict(
    deps,
    plans,
    scope,
    plan,
    ctx.actor,
    {
      set: { status: 'closed', closedAt: now },
      events: [
        eventDraft(planClosedV1, {
          planId: plan._id,
          pilotAreaId: plan.pilotAreaId,
          round: plan.round,
          inForceSubmission: plan.inForce.submission,
          reason: input.reason,
          closedAt: now.toISOString(),
        }),
      ],
      audit: {
        action: 'closed',
        changes: [{ field: 'status', before: plan.status, after: 'closed' }],
        reason: input.reason,
      },
    },
    input.version,
  );
  return toPlanView(updated, planCaller(deps, ctx));
}
