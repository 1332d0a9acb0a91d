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

type RowChange = Partial<Omit<NationalPlanRow, '_id' | 'planId' | 'round' | 'lastSequence' | 'updatedAt'>>;

/**
 * Applies one plan event to its national row: one conditional upsert that matches only while the
 * row has not yet seen this event's sequence, so a redelivered or older event changes nothing.
 */
async function project(
  deps: ServiceDeps,
  event: Envelope<{ planId: string; pilotAreaId: string; round?: number | undefined }>,
  change: RowChange,
): Promise<void> {
  // events from before `round` was added name none: they belong to the area's newest round
  const round = event.data.round ?? deps.registry.latestRoundOf(event.data.pilotAreaId);
  if (round === undefined) {
    deps.logger.warn(
      { eventId: event.id, pilotAreaId: event.data.pilotAreaId },
      'plan event of an unknown pilot area',
    );
    return;
  }
  const rows = await deps.databases.model(nationalScope, nationalPlanModel);
  try {
    await rows.updateOne(
      {
        _id: nationalRowId(round, event.data.pilotAreaId),
        lastSequence: trusted({ $lt: event.sequence }),
      },
      {
        $set: {
          ...change,
          planId: event.data.planId,
          round,
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
