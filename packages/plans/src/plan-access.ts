import type { PilotArea, TenantScope } from '@tradepilot/tenancy';
import { requireProvince, type AuthorizedContext, type ServiceDeps } from '@tradepilot/service-kit';
import { notYourPilotArea, pilotAreaNotInProvince, planNotFound } from './plan-errors';
import type { PlanDocument } from './plan-model';
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
