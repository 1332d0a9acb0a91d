import {
  inspectionCarriedOutV1,
  inspectionFindingRecordedV1,
  inspectionScheduledV1,
  rectificationClosedV1,
  rectificationEscalatedV1,
  rectificationReturnedV1,
  rectificationSubmittedV1,
  type Envelope,
} from '@tradepilot/contracts';
import { eventHandler, insertOnce, isDuplicateKeyError, type EventHandler } from '@tradepilot/messaging';
import type { ServiceDeps } from '@tradepilot/service-kit';
import { nationalScope, trusted } from '@tradepilot/tenancy';
import type { Model } from 'mongoose';
import { appliedEventId, appliedEventModel } from '../applied-event-model';
import { inspectionIndexModel } from './inspection-index-model';
import { rectificationIndexModel } from './rectification-index-model';

const purpose = 'inspection-index';

/**
 * Keeps `supervision_national.inspection_index` and `rectification_index` from the service's own
 * inspection and rectification events. State applies once and in order of the record's sequence
 * (a redelivered or older event changes nothing). A finding's event (topic supervision.inspection)
 * may arrive after its rectification's later events (topic supervision.rectification): it then
 * writes only what the finding fixes, never the state.
 */
export function inspectionIndexProjection(deps: ServiceDeps): EventHandler[] {
  const applied = async (event: Envelope<unknown>) =>
    insertOnce(async () =>
      (await deps.databases.model(nationalScope, appliedEventModel)).create({
        _id: appliedEventId(purpose, event.id),
        eventId: event.id,
        purpose,
        appliedAt: deps.now(),
      }),
    );

  /** The state an event leaves, if no later event of the record was applied; inserts the row. */
  const inOrder = async (
    model: Promise<Model<never>>,
    event: Envelope<unknown>,
    set: Record<string, unknown>,
  ): Promise<void> => {
    try {
      await (
        await model
      ).updateOne(
        { _id: event.aggregateId, lastSequence: trusted({ $lt: event.sequence }) } as never,
        {
          $set: { ...set, province: event.tenant, lastSequence: event.sequence, updatedAt: deps.now() },
        } as never,
        { upsert: true },
      );
    } catch (err) {
      // a later event of the record is there already (the upsert met its _id)
      if (!isDuplicateKeyError(err)) throw err;
    }
  };

  const inspectionsIndex = () => deps.databases.model(nationalScope, inspectionIndexModel) as never;
  const rectificationsIndex = () => deps.databases.model(nationalScope, rectificationIndexModel) as never;

  const rectificationEvent =
    (set: (data: never) => Record<string, unknown>) =>
    async (e: Envelope<{ inspectionId: string; findingId: string; pilotAreaId: string }>) => {
      await inOrder(rectificationsIndex(), e, {
        inspectionId: e.data.inspectionId,
        findingId: e.data.findingId,
        pilotAreaId: e.data.pilotAreaId,
        ...set(e.data as never),
      });
      await applied(e);
    };

  return [
    eventHandler(inspectionScheduledV1, async (e) => {
      await inOrder(inspectionsIndex(), e, {
        round: e.data.round,
        pilotAreaId: e.data.pilotAreaId,
        inspectorLevel: e.data.inspectorLevel,
        inspectorOrganisationId: e.data.inspectorOrganisationId,
        subject: e.data.subject,
        startDate: e.data.startDate,
        endDate: e.data.endDate,
        status: 'scheduled',
      });
      await applied(e);
    }),
    eventHandler(inspectionCarriedOutV1, async (e) => {
      await inOrder(inspectionsIndex(), e, {
        pilotAreaId: e.data.pilotAreaId,
        startDate: e.data.startDate,
        endDate: e.data.endDate,
        status: 'carried-out',
      });
      await applied(e);
    }),
    eventHandler(inspectionFindingRecordedV1, async (e) => {
      const rows = await deps.databases.model(nationalScope, rectificationIndexModel);
      // e.aggregateId is the rectification's record; the first event of it
      await inOrder(Promise.resolve(rows as never), e, {
        inspectionId: e.data.inspectionId,
        findingId: e.data.findingId,
        pilotAreaId: e.data.pilotAreaId,
        dueDate: e.data.rectificationDue,
        status: 'open',
        escalated: false,
      });
      // what the finding fixes, whatever else arrived first
      await rows.updateOne(
        { _id: e.aggregateId },
        {
          $set: {
            inspectorLevel: e.data.inspectorLevel,
            description: e.data.description,
            recordedAt: new Date(e.data.recordedAt),
            ...(e.data.round !== undefined ? { round: e.data.round } : {}),
            ...(e.data.severity !== undefined ? { severity: e.data.severity } : {}),
            ...(e.data.inspectorOrganisationId !== undefined
              ? { inspectorOrganisationId: e.data.inspectorOrganisationId }
              : {}),
          },
        },
      );
      await applied(e);
    }),
    eventHandler(
      rectificationSubmittedV1,
      rectificationEvent(() => ({ status: 'submitted' })),
    ),
    eventHandler(
      rectificationReturnedV1,
      rectificationEvent((d: { rectificationDue: string }) => ({
        status: 'returned',
        dueDate: d.rectificationDue,
      })),
    ),
    eventHandler(
      rectificationClosedV1,
      rectificationEvent(() => ({ status: 'closed' })),
    ),
    eventHandler(
      rectificationEscalatedV1,
      rectificationEvent((d: { status: string; rectificationDue: string }) => ({
        status: d.status,
        dueDate: d.rectificationDue,
        escalated: true,
      })),
    ),
  ];
}
