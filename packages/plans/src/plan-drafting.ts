import { isDuplicateKeyError } from '@tradepilot/messaging';
import { requireProvince, type AuthorizedContext, type ServiceDeps } from '@tradepilot/service-kit';
import { randomUUID } from 'node:crypto';
import { pilotAreaForCaller } from './plan-access';
import { planAlreadyExists } from './plan-errors';
import type { CreatePlanInput } from './plan-inputs';
import { currentRound, type PlanDocument } from './plan-model';
import type { PlanRepository } from './plan-repository';
import { toPlanView, type PlanView } from './plan-view';

/** Starts the implementation plan of a pilot area: one per area per round. */
export async function createPlan(
  deps: ServiceDeps,
  plans: PlanRepository,
  ctx: AuthorizedContext,
  input: CreatePlanInput,
): Promise<PlanView> {
  const scope = requireProvince(ctx);
  const area = pilotAreaForCaller(deps, ctx, input.pilotAreaId);
  const now = deps.now();
  const document: Omit<PlanDocument, 'version' | 'lastSequence' | 'outbox' | 'relayLeaseUntil'> = {
    _id: randomUUID(),
    round: currentRound,
    pilotAreaId: area.id,
    title: input.title,
    status: 'drafting',
    submission: 0,
    tasks: input.tasks,
    returnReason: null,
    createdAt: now,
    createdBy: ctx.principal.userId,
    updatedAt: now,
    updatedBy: ctx.principal.userId,
    submittedAt: null,
    approvedAt: null,
    appliedEventIds: [],
  };
  try {
    const created = await deps.outbox.create(await plans.model(scope), document, [], {
      tenant: scope.tenant,
      actor: ctx.actor,
      now,
    });
    return toPlanView(created);
  } catch (err) {
    if (isDuplicateKeyError(err)) throw planAlreadyExists(area.id, currentRound);
    throw err;
  }
}
