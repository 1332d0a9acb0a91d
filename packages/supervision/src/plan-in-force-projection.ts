import {
  planAmendmentStartedV1,
  planApprovedV1,
  planClosedV1,
  planImplementationStartedV1,
  type Envelope,
  type EventOf,
} from '@tradepilot/contracts';
import { eventHandler, insertOnce, isDuplicateKeyError, type EventHandler } from '@tradepilot/messaging';
import type { ServiceDeps } from '@tradepilot/service-kit';
import { nationalScope, stampProjection, tenantScope, trusted } from '@tradepilot/tenancy';
import { nationalAreaModel, nationalAreasStamp } from './national-area-model';
import { approvalDate } from './plan-version-for-period';
import { planVersionId, planVersionModel } from './plan-version-model';
import {
  supervisedPlanId,
  supervisedPlanModel,
  type SupervisedPlanDocument,
  type SupervisedPlanStatus,
} from './supervised-plan-model';

type PlanEvent = Envelope<{ planId: string; pilotAreaId: string; round?: number | undefined }>;

/**
 * An upsert that matches only while the document has not yet seen this event's sequence: an
 * older or redelivered event changes nothing (the upsert then meets its own _id).
 */
async function applyInOrder(
  update: (filter: Record<string, unknown>) => Promise<unknown>,
  id: string,
  sequence: number,
): Promise<void> {
  try {
    await update({ _id: id, lastSequence: trusted({ $lt: sequence }) });
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
  }
}

/**
 * Keeps, per pilot area and round, the plan version in force with its tasks, measures,
 * milestones and KPIs (from `plan.approved.v1`), and where the plan stands (implementing,
 * amending, closed). Each approved version is kept as it was: past periods keep theirs.
 */
export function planInForceProjection(deps: ServiceDeps): EventHandler[] {
  const roundOf = (event: PlanEvent) =>
    // events from before `round` was added name none: they belong to the area's newest round
    event.data.round ?? deps.registry.latestRoundOf(event.data.pilotAreaId);

  const approved = async (event: EventOf<typeof planApprovedV1>) => {
    const { data } = event;
    const scope = tenantScope(event.tenant);
    const measureIds = [...new Set(data.tasks.flatMap((t) => t.measureIds))].sort();
    const approvedAt = new Date(data.approvedAt);
    const versions = await deps.databases.model(scope, planVersionModel);
    await insertOnce(() =>
      versions.create({
        _id: planVersionId(data.round, data.pilotAreaId, data.submission),
        planId: data.planId,
        round: data.round,
        pilotAreaId: data.pilotAreaId,
        submission: data.submission,
        amendment: data.amendment,
        tasks: data.tasks,
        measureIds,
        measureDepartments: data.measureDepartments ?? [],
        applicableMeasures: data.applicableMeasures ?? null,
        approvedAt,
        eventId: event.id,
      }),
    );
    const id = supervisedPlanId(data.round, data.pilotAreaId);
    const plans = await deps.databases.model(scope, supervisedPlanModel);
    const now = deps.now();
    await applyInOrder(
      (filter) =>
        plans.updateOne(
          filter,
          {
            $set: {
              planId: data.planId,
              round: data.round,
              pilotAreaId: data.pilotAreaId,
              status: data.status,
              inForceSubmission: data.submission,
              approvedAt,
              lastSequence: event.sequence,
              updatedAt: now,
            },
          },
          { upsert: true },
        ),
      id,
      event.sequence,
    );
    const national = await deps.databases.model(nationalScope, nationalAreaModel);
    await applyInOrder(
      (filter) =>
        national.updateOne(
          filter,
          {
            $set: {
              round: data.round,
              province: event.tenant,
              pilotAreaId: data.pilotAreaId,
              planStatus: data.status,
              inForceSubmission: data.submission,
              taskCount: data.tasks.length,
              plannedMeasures: measureIds.length,
              lastSequence: event.sequence,
              updatedAt: now,
            },
            $min: { firstApprovedOn: approvalDate(approvedAt) },
          },
          { upsert: true },
        ),
      id,
      event.sequence,
    );
    await stampProjection(deps.databases, nationalAreasStamp);
  };

  /** A later step of a plan already approved: only its status moves (never created here). */
  const statusChange = (status: SupervisedPlanStatus) => async (event: PlanEvent) => {
    const round = roundOf(event);
    if (round === undefined) {
      deps.logger.warn(
        { eventId: event.id, pilotAreaId: event.data.pilotAreaId },
        'plan event of an unknown pilot area',
      );
      return;
    }
    const id = supervisedPlanId(round, event.data.pilotAreaId);
    const filter = { _id: id, lastSequence: trusted({ $lt: event.sequence }) };
    const now = deps.now();
    const plans = await deps.databases.model(tenantScope(event.tenant), supervisedPlanModel);
    await plans.updateOne(filter, {
      $set: {
        status,
        lastSequence: event.sequence,
        updatedAt: now,
      } satisfies Partial<SupervisedPlanDocument>,
    });
    const national = await deps.databases.model(nationalScope, nationalAreaModel);
    await national.updateOne(filter, {
      $set: { planStatus: status, lastSequence: event.sequence, updatedAt: now },
    });
    await stampProjection(deps.databases, nationalAreasStamp);
  };

  return [
    eventHandler(planApprovedV1, approved),
    eventHandler(planImplementationStartedV1, statusChange('implementing')),
    eventHandler(planAmendmentStartedV1, statusChange('amending')),
    eventHandler(planClosedV1, statusChange('closed')),
  ];
}
