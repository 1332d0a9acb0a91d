import { eventDraft } from '@tradepilot/messaging';
import { planSubmittedV1 } from '@tradepilot/contracts';
import { requireProvince, type AuthorizedContext, type ServiceDeps } from '@tradepilot/service-kit';
import { illegalTransition, planNotFound, versionConflict } from './plan-errors';
import type { PlanRepository } from './plan-repository';
import { toPlanView, type PlanView } from './plan-view';

const submittable = new Set(['drafting', 'returned']);

/** Sends the plan for approval with its tasks frozen as they are now (`plan.submitted.v1`). */
export async function submitPlan(
  deps: ServiceDeps,
  plans: PlanRepository,
  ctx: AuthorizedContext,
  input: { planId: string; version: number },
): Promise<PlanView> {
  const scope = requireProvince(ctx);
  const plan = await plans.get(scope, input.planId);
  if (!plan) throw planNotFound(input.planId);
  if (!submittable.has(plan.status)) {
    throw illegalTransition({ 'zh-CN': '提交', en: 'submitted' }, plan.status);
  }
  if (plan.version !== input.version)
    throw versionConflict(input.version, plan.version, plan.updatedBy, plan.updatedAt);

  const now = deps.now();
  const submission = plan.submission + 1;
  const updated = await deps.outbox.commit(
    await plans.model(scope),
    plan,
    {
      $set: {
        status: 'submitted',
        submission,
        submittedAt: now,
        returnReason: null,
        updatedAt: now,
        updatedBy: ctx.principal.userId,
      },
    },
    [
      eventDraft(planSubmittedV1, {
        planId: plan._id,
        pilotAreaId: plan.pilotAreaId,
        title: plan.title,
        submission,
        submittedAt: now.toISOString(),
        tasks: plan.tasks,
      }),
    ],
    { tenant: scope.tenant, actor: ctx.actor, now },
  );
  if (!updated) {
    const current = await plans.get(scope, input.planId);
    throw versionConflict(
      input.version,
      current?.version ?? input.version,
      current?.updatedBy ?? '?',
      current?.updatedAt ?? now,
    );
  }
  return toPlanView(updated);
}
