import { topics } from '@tradepilot/contracts';
import { baseConfigSchema, defineService, internalAuthConfigSchema } from '@tradepilot/service-kit';
import { approvalOutcomeHandler } from './approval-outcome';
import { planModel } from './plan-model';
import { PlanRepository } from './plan-repository';
import { planRouter } from './plan-router';

/** The plans service: measures catalog and implementation plans. */
export const plansService = defineService({
  name: 'plans',
  defaultPort: 3001,
  configSchema: baseConfigSchema.extend(internalAuthConfigSchema.shape),
  models: [planModel],
  topics: [topics.plan, topics.approvalCase],
  setup: (deps) => {
    const plans = new PlanRepository(deps.databases);
    return { router: planRouter(deps, plans), handlers: [approvalOutcomeHandler(deps, plans)] };
  },
});
