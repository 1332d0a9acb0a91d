import { procedure, requireProvince, router, type ServiceDeps } from '@tradepilot/service-kit';
import { createPlan } from './plan-drafting';
import { planNotFound } from './plan-errors';
import { createPlanInput, getPlanInput, listPlansInput, submitPlanInput } from './plan-inputs';
import type { PlanRepository } from './plan-repository';
import { submitPlan } from './plan-submission';
import { toPlanView } from './plan-view';

export function planRouter(deps: ServiceDeps, plans: PlanRepository) {
  return router({
    plan: router({
      create: procedure
        .input(createPlanInput)
        .mutation(({ ctx, input }) => createPlan(deps, plans, ctx, input)),
      submit: procedure
        .input(submitPlanInput)
        .mutation(({ ctx, input }) => submitPlan(deps, plans, ctx, input)),
      get: procedure.input(getPlanInput).query(async ({ ctx, input }) => {
        const plan = await plans.get(requireProvince(ctx), input.planId);
        if (!plan) throw planNotFound(input.planId);
        return toPlanView(plan);
      }),
      list: procedure
        .input(listPlansInput)
        .query(async ({ ctx, input }) => (await plans.list(requireProvince(ctx), input)).map(toPlanView)),
    }),
  });
}

export type PlansRouter = ReturnType<typeof planRouter>;
