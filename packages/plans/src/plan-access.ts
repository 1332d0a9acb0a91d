import type { PilotArea } from '@tradepilot/tenancy';
import { requireProvince, type AuthorizedContext, type ServiceDeps } from '@tradepilot/service-kit';
import { notYourPilotArea, pilotAreaNotInProvince } from './plan-errors';

/**
 * The pilot area a caller may act for: it must be in the caller's province, and a pilot-area
 * officer acts only for their own area (in a dual-role province the province officer is both).
 */
export function pilotAreaForCaller(
  deps: ServiceDeps,
  ctx: AuthorizedContext,
  pilotAreaId: string,
): PilotArea {
  const scope = requireProvince(ctx);
  const area = deps.registry.pilotArea(pilotAreaId);
  if (!area || area.province !== scope.tenant) throw pilotAreaNotInProvince(pilotAreaId);
  if (ctx.actingRole === 'pilot-area-officer' && ctx.principal.organisationId !== area.id) {
    throw notYourPilotArea(pilotAreaId);
  }
  return area;
}
