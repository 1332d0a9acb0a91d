import { appliedEventModel, moveSettledWhenDrained } from '@tradepilot/messaging';
import { baseConfigSchema, defineService, internalAuthConfigSchema } from '@tradepilot/service-kit';
import { z } from 'zod';
import { approvalOutcomeHandler } from './approval-outcome';
import { closedPlanModel } from './closed-plan-model';
import { closedPlans, closedPlansMigration } from './closed-plans';
import { loadSampleCatalog, seedTaskGroups } from './catalog-seeding';
import { MeasureCatalog } from './measure-catalog';
import { measureModel } from './measure-model';
import { nationalPlanModel } from './national-plan-model';
import { nationalProjection } from './national-projection';
import { nationalReadModel } from './national-read-log-model';
import { planAuditModel } from './plan-audit-model';
import { planModel } from './plan-model';
import { planArraysMigration } from './plan-arrays-migration';
import { PlanRepository } from './plan-repository';
import { planRouter } from './plan-router';
import { planTaskCountMigration } from './plan-task-count-migration';
import { planVersionModel } from './plan-version-model';
import { taskGroupModel } from './task-group-model';

export const plansConfigSchema = baseConfigSchema.extend(internalAuthConfigSchema.shape).extend({
  /** demos: load the illustrative sample catalog at start when the catalog is empty */
  SAMPLE_CATALOG: z.enum(['off', 'if-empty']).default('off'),
});

/** The plans service: measures catalog and implementation plans. */
export const plansService = defineService({
  name: 'plans',
  configSchema: plansConfigSchema,
  models: [
    planModel,
    closedPlanModel,
    planAuditModel,
    appliedEventModel,
    planVersionModel,
    measureModel,
    taskGroupModel,
    nationalPlanModel,
    nationalReadModel,
  ],
  setup: async (deps) => {
    const plans = new PlanRepository(deps.databases);
    const catalog = new MeasureCatalog(deps.databases);
    await seedTaskGroups(catalog);
    if (deps.config.SAMPLE_CATALOG === 'if-empty') await loadSampleCatalog(catalog, deps.logger, deps.now());
    // a closed plan leaves `plans` as soon as the relay has published its closing
    moveSettledWhenDrained(deps.relay, deps.databases, closedPlans, deps.now);
    return {
      router: planRouter(deps, plans, catalog),
      handlers: [approvalOutcomeHandler(deps, plans, catalog), ...nationalProjection(deps)],
      // in this order: a closed plan moves only once the migrations before have reached it
      tasks: [planArraysMigration(deps), planTaskCountMigration(deps), closedPlansMigration(deps)],
    };
  },
});
