import { planSignedV1, type SignOffParty } from '@tradepilot/contracts';
import { eventDraft } from '@tradepilot/messaging';
import type { AuthorizedContext, ServiceDeps } from '@tradepilot/service-kit';
import { planReadyFor } from './plan-access';
import { commitOrConflict } from './plan-commit';
import { alreadySigned } from './plan-errors';
import type { SignOff } from './plan-model';
import { planCaller } from './plan-permissions';
import type { PlanRepository } from './plan-repository';
import { editableStatuses, missingParties, toPlanView, type PlanView } from './plan-view';

/**
 * Two-party sign-off: a pilot-area officer signs for the pilot area, a province officer for the
 * province. In a dual-role government (one organisation is both) one sign-off covers both.
 */
export async function signPlan(
  deps: ServiceDeps,
  plans: PlanRepository,
  ctx: AuthorizedContext,
  input: { planId: string; version: number },
): Promise<PlanView> {
  const { scope, plan } = await planReadyFor(plans, ctx, input, {
    action: { 'zh-CN': '签署', en: 'signed' },
    allowed: editableStatuses,
  });

  const parties: SignOffParty[] = deps.registry.isDualRole(scope.tenant)
    ? ['pilot-area', 'province']
    : [ctx.actingRole === 'pilot-area-officer' ? 'pilot-area' : 'province'];
  const signedAlready = new Map(plan.signOffs.flatMap((s) => s.parties.map((p) => [p, s.userId] as const)));
  const fresh = parties.filter((p) => !signedAlready.has(p));
  if (fresh.length === 0) {
    const party = parties[0] as SignOffParty;
    throw alreadySigned(party, signedAlready.get(party) ?? '?');
  }
  const now = deps.now();
  const signOff: SignOff = {
    parties: fresh,
    userId: ctx.principal.userId,
    role: ctx.actingRole,
    organisationId: ctx.principal.organisationId,
    signedAt: now,
    planVersion: plan.version,
  };
  const complete = missingParties({ signOffs: [...plan.signOffs, signOff] }).length === 0;
  const updated = await commitOrConflict(
    deps,
    plans,
    scope,
    plan,
    ctx.actor,
    {
      set: {},
      push: { signOffs: signOff },
      events: [
        eventDraft(planSignedV1, {
          planId: plan._id,
          pilotAreaId: plan.pilotAreaId,
          round: plan.round,
          planVersion: plan.version,
          parties: fresh,
          signedBy: ctx.principal.userId,
          signedAt: now.toISOString(),
          complete,
        }),
      ],
      audit: { action: 'signed', changes: [{ field: 'signOffs', before: null, after: fresh }] },
    },
    input.version,
  );
  return toPlanView(updated, planCaller(deps, ctx));
}
