import { baseConfigSchema, defineService, internalAuthConfigSchema } from '@tradepilot/service-kit';
import { appliedEventModel } from './applied-event-model';
import { auditTrailModel } from './audit-trail-model';
import { nationalAreaModel } from './national-area-model';
import { planInForceProjection } from './plan-in-force-projection';
import { planVersionModel } from './plan-version-model';
import { supervisedPlanModel } from './supervised-plan-model';
import { supervisionRouter } from './supervision-router';

export const supervisionConfigSchema = baseConfigSchema.extend(internalAuthConfigSchema.shape);

/**
 * The supervision service: what each pilot area carries out of its approved plan, period by
 * period (reporting periods, progress reports, implementation rate, key issues, inspections,
 * assessment).
 */
export const supervisionService = defineService({
  name: 'supervision',
  configSchema: supervisionConfigSchema,
  models: [supervisedPlanModel, planVersionModel, nationalAreaModel, appliedEventModel, auditTrailModel],
  setup: (deps) => ({
    router: supervisionRouter(deps),
    handlers: [...planInForceProjection(deps)],
  }),
});
