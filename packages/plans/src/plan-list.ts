import { requireProvince, type AuthorizedContext, type ServiceDeps } from '@tradepilot/service-kit';
import type { ListPlansInput, PlanListStatus } from './plan-inputs';
import { encodePlanListCursor } from './plan-list-cursor';
import { planStatuses, type PlanStatus } from './plan-model';
import { planCaller } from './plan-permissions';
import type { PlanRepository } from './plan-repository';
import { toPlanSummary, type PlanSummary } from './plan-summary';

/** One page of the plan list; `nextCursor` is null on the last page. */
export interface PlanSummaryPage {
  items: PlanSummary[];
  nextCursor: string | null;
}

const statusesOf = (status: PlanListStatus): readonly PlanStatus[] =>
  status === 'all'
    ? planStatuses
    : status === 'current'
      ? planStatuses.filter((s) => s !== 'closed')
      : [status];

/** The plans of the caller's province, a page at a time, newest change first. */
export async function listPlans(
  deps: ServiceDeps,
  plans: PlanRepository,
  ctx: AuthorizedContext,
  input: ListPlansInput,
): Promise<PlanSummaryPage> {
  // a pilot-area officer sees the plans of their own area only
  const own = ctx.actingRole === 'pilot-area-officer' ? (ctx.principal.organisationId ?? '') : undefined;
  const pilotAreaId = own ?? input.pilotAreaId;
  if (own !== undefined && input.pilotAreaId !== undefined && input.pilotAreaId !== own) {
    return { items: [], nextCursor: null };
  }
  const caller = planCaller(deps, ctx);
  const page = await plans.summaries(requireProvince(ctx), {
    statuses: statusesOf(input.status),
    pilotAreaId,
    after: input.cursor ?? null,
    limit: input.limit,
  });
  const last = page.plans.at(-1);
  return {
    items: page.plans.map((p) => toPlanSummary(p, caller)),
    nextCursor: page.more && last ? encodePlanListCursor({ updatedAt: last.updatedAt, id: last._id }) : null,
  };
}
