import type { PilotArea, TenantScope } from '@tradepilot/tenancy';
import { requireProvince, type AuthorizedContext, type ServiceDeps } from '@tradepilot/service-kit';
import { assertVersion } from './plan-commit';
import { illegalTransition, notYourPilotArea, pilotAreaNotInProvince, planNotFound } from './plan-errors';
import type { PlanDocument, PlanStatus } from './plan-model';
import type { PlanRepository } from './plan-repository';

/** A pilot-area officer acts only for their own area (in a dual-role government the officer is both). */
const actsForOtherArea = (ctx: AuthorizedContext, pilotAreaId: string) =>
  ctx.actingRole === 'pilot-area-officer' && ctx.principal.organisationId !== pilotAreaId;

/** The pilot area a caller may act for: it must be in the caller's province. */
export function pilotAreaForCaller(
  deps: ServiceDeps,
  ctx: AuthorizedContext,
  pilotAreaId: string,
): PilotArea {
  const scope = requireProvince(ctx);
  const area = deps.registry.pilotArea(pilotAreaId);
  if (!area || area.province !== scope.tenant) throw pilotAreaNotInProvince(pilotAreaId);
  if (actsForOtherArea(ctx, area.id)) throw notYourPilotArea(pilotAreaId);
  return area;
}

/** A plan of the caller's province (another province's id is simply not found there). */
export async function planForCaller(
  plans: PlanRepository,
  ctx: AuthorizedContext,
  planId: string,
): Promise<{ scope: TenantScope; plan: PlanDocument }> {
  const scope = requireProvince(ctx);
  const plan = await plans.get(scope, planId);
  if (!plan) throw planNotFound(planId);
  if (actsForOtherArea(ctx, plan.pilotAreaId)) throw notYourPilotArea(plan.pilotAreaId);
  return { scope, plan };
}

/** A plan known to be in one of the statuses `S`, with a version in force when `F` is true. */
export type PlanIn<S extends PlanStatus, F extends boolean> = PlanDocument & { status: S } & (F extends true
    ? { inForce: NonNullable<PlanDocument['inForce']> }
    : unknown);

/**
 * The caller's plan, ready for a transition: in one of the `allowed` statuses (and with a version
 * in force where the transition needs one), and still at the version the caller saw.
 */
export async function planReadyFor<S extends PlanStatus, F extends boolean = false>(
  plans: PlanRepository,
  ctx: AuthorizedContext,
  input: { planId: string; version: number },
  transition: { action: { 'zh-CN': string; en: string }; allowed: readonly S[]; needsVersionInForce?: F },
): Promise<{ scope: TenantScope; plan: PlanIn<S, F> }> {
  const { scope, plan } = await planForCaller(plans, ctx, input.planId);
  const allowed: readonly PlanStatus[] = transition.allowed;
  if (!allowed.includes(plan.status) || (transition.needsVersionInForce && !plan.inForce)) {
    throw illegalTransition(transition.action, plan.status);
  }
  assertVersion(plan, input.version);
  // the checks above are exactly what PlanIn states
  return { scope, plan: plan as PlanIn<S, F> };
}
