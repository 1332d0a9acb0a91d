import type { PlanTask } from '@tradepilot/contracts';
import { requireProvince, type AuthorizedContext, type ServiceDeps } from '@tradepilot/service-kit';
import type { TenantScope } from '@tradepilot/tenancy';
import { ownPilotArea, pilotAreaForCaller } from './pilot-area-access';
import { planVersionId, planVersionModel, type PlanVersionDocument } from './plan-version-model';
import { noPlanInForce } from './supervision-errors';
import {
  supervisedPlanId,
  supervisedPlanModel,
  type SupervisedPlanDocument,
  type SupervisedPlanStatus,
} from './supervised-plan-model';

export interface SupervisedPlanView {
  planId: string;
  round: number;
  pilotAreaId: string;
  status: SupervisedPlanStatus;
  inForce: { submission: number; approvedAt: string; tasks: PlanTask[]; measureIds: string[] };
  /** every approved version, oldest first: past periods keep the version in force then */
  versions: { submission: number; amendment: boolean; approvedAt: string }[];
}

const versionsOf = async (deps: ServiceDeps, scope: TenantScope, plan: SupervisedPlanDocument) =>
  (await deps.databases.model(scope, planVersionModel))
    .find({ round: plan.round, pilotAreaId: plan.pilotAreaId })
    .sort({ submission: 1 })
    .lean<PlanVersionDocument[]>();

/** The plan in force of a pilot area of the caller's province, with the tasks supervision tracks. */
export async function supervisedPlan(
  deps: ServiceDeps,
  ctx: AuthorizedContext,
  input: { pilotAreaId: string; round?: number | undefined },
): Promise<SupervisedPlanView> {
  const { scope, area, round } = pilotAreaForCaller(deps, ctx, input.pilotAreaId, input.round);
  const plan = await (await deps.databases.model(scope, supervisedPlanModel))
    .findById(supervisedPlanId(round, area.id))
    .lean<SupervisedPlanDocument>();
  if (!plan) throw noPlanInForce(area.id, round);
  const versions = await versionsOf(deps, scope, plan);
  const inForce = versions.find((v) => v._id === planVersionId(round, area.id, plan.inForceSubmission));
  if (!inForce) throw noPlanInForce(area.id, round);
  return {
    planId: plan.planId,
    round,
    pilotAreaId: area.id,
    status: plan.status,
    inForce: {
      submission: inForce.submission,
      approvedAt: inForce.approvedAt.toISOString(),
      tasks: inForce.tasks,
      measureIds: inForce.measureIds,
    },
    versions: versions.map((v) => ({
      submission: v.submission,
      amendment: v.amendment,
      approvedAt: v.approvedAt.toISOString(),
    })),
  };
}

export interface SupervisedPlanRow {
  planId: string;
  round: number;
  pilotAreaId: string;
  status: SupervisedPlanStatus;
  inForceSubmission: number;
  approvedAt: string;
}

/** The plans in force of the caller's province in a round (a pilot-area officer: their own area's). */
export async function supervisedPlanList(
  deps: ServiceDeps,
  ctx: AuthorizedContext,
  input: { round?: number | undefined },
): Promise<SupervisedPlanRow[]> {
  const scope = requireProvince(ctx);
  const round = input.round ?? deps.registry.latestRound();
  const own = ownPilotArea(ctx);
  const rows = await (
    await deps.databases.model(scope, supervisedPlanModel)
  )
    .find(own === undefined ? { round } : { round, pilotAreaId: own })
    .sort({ pilotAreaId: 1 })
    .lean<SupervisedPlanDocument[]>();
  return rows.map((p) => ({
    planId: p.planId,
    round: p.round,
    pilotAreaId: p.pilotAreaId,
    status: p.status,
    inForceSubmission: p.inForceSubmission,
    approvedAt: p.approvedAt.toISOString(),
  }));
}
