import {
  planAmendmentStartedV1,
  planApprovedV1,
  planClosedV1,
  planDraftedV1,
  planImplementationStartedV1,
  planReturnedV1,
  planSubmittedV1,
  type Envelope,
} from '@tradepilot/contracts';
import { eventHandler, isDuplicateKeyError, type EventHandler } from '@tradepilot/messaging';
import type { ServiceDeps } from '@tradepilot/service-kit';
import { nationalScope, trusted } from '@tradepilot/tenancy';
import { nationalPlanModel, nationalRowId, type NationalPlanRow } from './national-plan-model';
import { currentRound } from './plan-model';

type RowChange = Partial<Omit<NationalPlanRow, '_id' | 'planId' | 'round' | 'lastSequence' | 'updatedAt'>>;

/**
 * Applies one plan event to its national row: one conditional upsert that matches only while the
 * row has not yet seen this event's sequence, so a redelivered or older event changes nothing.
 */
async function project(
  deps: ServiceDeps,
  event: Envelope<{ planId: string; pilotAreaId: string }>,
  change: RowChange,
): Promise<void> {
  const rows = await deps.databases.model(nationalScope, nationalPlanModel);
  try {
    await rows.updateOne(
      // plans belong to the current round (events name no round): the row of the area in this round
      {
        _id: nationalRowId(currentRound, event.data.pilotAreaId),
        lastSequence: trusted({ $lt: event.sequence }),
      },
      {
        $set: {
          ...change,
          planId: event.data.planId,
          round: currentRound,
          province: event.tenant,
          pilotAreaId: event.data.pilotAreaId,
          lastSequence: event.sequence,
          updatedAt: deps.now(),
        },
      },
      { upsert: true },
    );
  } catch (err) {
    // the row is already past this event: the upsert met its own _id
    if (!isDuplicateKeyError(err)) throw err;
  }
}

/** The national projection's handlers: every plan event that changes what the ministry sees. */
export function nationalProjection(deps: ServiceDeps): EventHandler[] {
  return [
    eventHandler(planDraftedV1, (e) => project(deps, e, { status: 'drafting', amending: false })),
    eventHandler(planSubmittedV1, (e) =>
      project(deps, e, {
        status: 'submitted',
        submittedAt: new Date(e.data.submittedAt),
        taskCount: e.data.tasks.length,
        measureCoverage: e.data.measureCoverage?.percent ?? null,
      }),
    ),
    eventHandler(planReturnedV1, (e) => project(deps, e, { status: 'returned' })),
    eventHandler(planApprovedV1, (e) =>
      project(deps, e, {
        status: e.data.status,
        amending: false,
        approvedVersion: e.data.submission,
        approvedAt: new Date(e.data.approvedAt),
        taskCount: e.data.tasks.length,
        measureCoverage: e.data.measureCoverage.percent,
      }),
    ),
    eventHandler(planAmendmentStartedV1, (e) => project(deps, e, { status: 'drafting', amending: true })),
    eventHandler(planImplementationStartedV1, (e) => project(deps, e, { status: 'implementing' })),
    eventHandler(planClosedV1, (e) => project(deps, e, { status: 'closed', amending: false })),
  ];
}
