import { requireProvince, type AuthorizedContext, type ServiceDeps } from '@tradepilot/service-kit';
import type { PilotArea, TenantScope } from '@tradepilot/tenancy';
import { notYourPilotArea, pilotAreaNotInProvince, roundNotForPilotArea } from './supervision-errors';

/** A pilot-area officer acts only for their own area (in a dual-role government the officer is both). */
export const actsForOtherArea = (ctx: AuthorizedContext, pilotAreaId: string) =>
  ctx.actingRole === 'pilot-area-officer' && ctx.principal.organisationId !== pilotAreaId;

/** The area a pilot-area officer is restricted to, or undefined for province officers. */
export const ownPilotArea = (ctx: AuthorizedContext): string | undefined =>
  ctx.actingRole === 'pilot-area-officer' ? (ctx.principal.organisationId ?? '') : undefined;

/**
 * The pilot area a caller may act for, in the caller's province (another province's area is
 * simply not found), and the round: the one named, which the area must take part in, or its newest.
 */
export function pilotAreaForCaller(
  deps: ServiceDeps,
  ctx: AuthorizedContext,
  pilotAreaId: string,
  round?: number,
): { scope: TenantScope; area: PilotArea; round: number } {
  const scope = requireProvince(ctx);
  const area = deps.registry.pilotArea(pilotAreaId);
  if (!area || area.province !== scope.tenant) throw pilotAreaNotInProvince(pilotAreaId);
  if (actsForOtherArea(ctx, area.id)) throw notYourPilotArea(pilotAreaId);
  const chosen = round ?? Math.max(...area.rounds);
  if (!area.rounds.includes(chosen)) throw roundNotForPilotArea(area.id, chosen, area.rounds);
  return { scope, area, round: chosen };
}
