import type { ServiceDeps } from '@tradepilot/service-kit';

/**
 * The program round (its year) a pilot area takes part in, its newest; the program's newest for a
 * province-level step without an area. Events carry it for the supervision service's indicators.
 */
export function roundOf(deps: ServiceDeps, pilotAreaId: string | null): { round?: number } {
  const round = pilotAreaId ? deps.registry.latestRoundOf(pilotAreaId) : deps.registry.latestRound();
  return round === undefined ? {} : { round };
}
