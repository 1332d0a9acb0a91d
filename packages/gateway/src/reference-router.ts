import { procedure, router } from '@tradepilot/service-kit';
import type { TenantRegistry } from '@tradepilot/tenancy';
import { z } from 'zod';

/** The program's places as the registry knows them: the console names provinces and pilot areas from it. */
export function referenceRouter(registry: TenantRegistry) {
  return router({
    places: procedure.input(z.strictObject({}).default({})).query(() => ({
      provinces: registry.provinces().map((p) => ({
        id: p.id,
        code: p.code,
        name: p.name,
        dualRole: registry.isDualRole(p.id),
      })),
      pilotAreas: registry.pilotAreas().map((a) => ({ id: a.id, province: a.province, name: a.name })),
      departments: registry.departments().map((d) => ({ id: d.id, name: d.name })),
    })),
  });
}
