import { procedure, router, type ServiceDeps } from '@tradepilot/service-kit';
import { implementationNationalSummary } from './national-implementation';
import { supervisedPlan, supervisedPlanList } from './supervised-plans';
import { nationalSummaryInput, supervisedPlanGetInput, supervisedPlanListInput } from './supervision-inputs';

export function supervisionRouter(deps: ServiceDeps) {
  return router({
    supervisedPlan: router({
      get: procedure
        .input(supervisedPlanGetInput)
        .query(({ ctx, input }) => supervisedPlan(deps, ctx, input)),
      list: procedure
        .input(supervisedPlanListInput)
        .query(({ ctx, input }) => supervisedPlanList(deps, ctx, input)),
    }),
    implementation: router({
      nationalSummary: procedure
        .input(nationalSummaryInput)
        .query(({ input }) => implementationNationalSummary(deps, input)),
    }),
  });
}

export type SupervisionRouter = ReturnType<typeof supervisionRouter>;
