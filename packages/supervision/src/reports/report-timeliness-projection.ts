import { reportAcceptedV1, reportReturnedV1, reportSubmittedV1 } from '@tradepilot/contracts';
import { eventHandler, isDuplicateKeyError } from '@tradepilot/messaging';
import type { ServiceDeps } from '@tradepilot/service-kit';
import { nationalScope, stampProjection, trusted } from '@tradepilot/tenancy';
import {
  reportTimelinessModel,
  reportTimelinessStamp,
  type ReportTimelinessRow,
} from './report-timeliness-model';

/**
 * Keeps the national timeliness rows from the service's own report events: each event applies
 * once and in order (the row's last sequence), a redelivered or older one changes nothing.
 */
export function reportTimelinessProjection(deps: ServiceDeps) {
  const upsert = async (id: string, sequence: number, set: Partial<ReportTimelinessRow>): Promise<void> => {
    const rows = await deps.databases.model(nationalScope, reportTimelinessModel);
    try {
      await rows.updateOne(
        { _id: id, lastSequence: trusted({ $lt: sequence }) },
        { $set: { ...set, lastSequence: sequence, updatedAt: deps.now() } },
        { upsert: true },
      );
      await stampProjection(deps.databases, reportTimelinessStamp);
    } catch (err) {
      // the row has seen this event (the upsert met its own _id)
      if (!isDuplicateKeyError(err)) throw err;
    }
  };
  return [
    eventHandler(reportSubmittedV1, async (event) => {
      const { round, timeliness } = event.data;
      if (round === undefined || timeliness === undefined) return;
      await upsert(event.aggregateId, event.sequence, {
        round,
        province: event.tenant,
        periodId: event.data.periodId,
        pilotAreaId: event.data.pilotAreaId,
        status: 'submitted',
        timeliness: timeliness.status,
        daysLate: timeliness.daysLate,
      });
    }),
    eventHandler(reportAcceptedV1, async (event) => {
      await upsert(event.aggregateId, event.sequence, {
        round: event.data.round,
        province: event.tenant,
        periodId: event.data.periodId,
        pilotAreaId: event.data.pilotAreaId,
        status: 'accepted',
        timeliness: event.data.timeliness.status,
        daysLate: event.data.timeliness.daysLate,
      });
    }),
    eventHandler(reportReturnedV1, async (event) => {
      const rows = await deps.databases.model(nationalScope, reportTimelinessModel);
      // a return changes the status only (the row exists from the submission)
      await rows.updateOne(
        { _id: event.aggregateId, lastSequence: trusted({ $lt: event.sequence }) },
        { $set: { status: 'returned', lastSequence: event.sequence, updatedAt: deps.now() } },
      );
      await stampProjection(deps.databases, reportTimelinessStamp);
    }),
  ];
}
