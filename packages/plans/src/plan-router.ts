import { procedure, router, type ServiceDeps } from '@tradepilot/service-kit';
import { z } from 'zod';
import { catalogRouter } from './catalog-router';
import type { MeasureCatalog } from './measure-catalog';
import { nationalList, nationalPlanRead, nationalSummary } from './national-plans';
import { planForCaller } from './plan-access';
import { startAmendment } from './plan-amendment';
import { createPlan, savePlan } from './plan-drafting';
import { coverageOf, planAudit, planDiff, planVersion } from './plan-history';
import {
  auditInput,
  createPlanInput,
  diffInput,
  getPlanInput,
  getVersionInput,
  listPlansInput,
  nationalAuditInput,
  nationalDiffInput,
  nationalGetInput,
  nationalListInput,
  savePlanInput,
  signPlanInput,
  startImplementationInput,
  submitPlanInput,
  transitionInput,
} from './plan-inputs';
import { closePlan, startImplementation } from './plan-lifecycle';
import { listPlans } from './plan-list';
import { planCaller } from './plan-permissions';
import type { PlanRepository } from './plan-repository';
import { signPlan } from './plan-sign-off';
import { submitPlan } from './plan-submission';
import { toPlanView } from './plan-view';

export function planRouter(deps: ServiceDeps, plans: PlanRepository, catalog: MeasureCatalog) {
  return router({
    ...catalogRouter(deps, catalog),
    plan: router({
      create: procedure
        .input(createPlanInput)
        .mutation(({ ctx, input }) => createPlan(deps, plans, catalog, ctx, input)),
      save: procedure
        .input(savePlanInput)
        .mutation(({ ctx, input }) => savePlan(deps, plans, catalog, ctx, input)),
      sign: procedure.input(signPlanInput).mutation(({ ctx, input }) => signPlan(deps, plans, ctx, input)),
      submit: procedure
        .input(submitPlanInput)
        .mutation(({ ctx, input }) => submitPlan(deps, plans, catalog, ctx, input)),
      startAmendment: procedure
        .input(transitionInput)
        .mutation(({ ctx, input }) => startAmendment(deps, plans, ctx, input)),
      startImplementation: procedure
        .input(startImplementationInput)
        .mutation(({ ctx, input }) => startImplementation(deps, plans, ctx, input)),
      close: procedure
        .input(transitionInput)
        .mutation(({ ctx, input }) => closePlan(deps, plans, ctx, input)),
      get: procedure.input(getPlanInput).query(async ({ ctx, input }) => {
        const { plan } = await planForCaller(plans, ctx, input.planId);
        return toPlanView(plan, planCaller(deps, ctx));
      }),
      list: procedure.input(listPlansInput).query(({ ctx, input }) => listPlans(deps, plans, ctx, input)),
      coverage: procedure.input(getPlanInput).query(async ({ ctx, input }) => {
        const { plan } = await planForCaller(plans, ctx, input.planId);
        return coverageOf(catalog, plan);
      }),
      versions: procedure.input(getPlanInput).query(async ({ ctx, input }) => {
        const { plan } = await planForCaller(plans, ctx, input.planId);
        return toPlanView(plan, null).submissions;
      }),
      getVersion: procedure.input(getVersionInput).query(async ({ ctx, input }) => {
        const { scope, plan } = await planForCaller(plans, ctx, input.planId);
        return planVersion(plans, scope, plan, input.submission);
      }),
      diff: procedure.input(diffInput).query(async ({ ctx, input }) => {
        const { scope, plan } = await planForCaller(plans, ctx, input.planId);
        return planDiff(plans, scope, plan, input.from, input.to);
      }),
      audit: procedure.input(auditInput).query(async ({ ctx, input }) => {
        const { scope, plan } = await planForCaller(plans, ctx, input.planId);
        return planAudit(plans, scope, plan, input.offset, input.limit);
      }),

      nationalList: procedure.input(nationalListInput).query(({ input }) => nationalList(deps, input)),
      nationalSummary: procedure.input(z.strictObject({}).default({})).query(() => nationalSummary(deps)),
      nationalGet: procedure.input(nationalGetInput).query(async ({ ctx, input }) => {
        const { plan } = await nationalPlanRead(deps, plans, ctx, 'plan.nationalGet', input);
        return { province: input.province, plan: toPlanView(plan, null) };
      }),
      nationalAudit: procedure.input(nationalAuditInput).query(async ({ ctx, input }) => {
        const { scope, plan } = await nationalPlanRead(deps, plans, ctx, 'plan.nationalAudit', input);
        return { province: input.province, ...(await planAudit(plans, scope, plan, input.offset, input.limit)) };
      }),
      nationalDiff: procedure.input(nationalDiffInput).query(async ({ ctx, input }) => {
        const { scope, plan } = await nationalPlanRead(deps, plans, ctx, 'plan.nationalDiff', input);
        return { province: input.province, ...(await planDiff(plans, scope, plan, input.from, input.to)) };
      }),
    }),
  });
}

export type PlansRouter = ReturnType<typeof planRouter>;
