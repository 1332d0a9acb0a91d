import {
  issueAnsweredV1,
  issueEscalatedV1,
  issueRaisedV1,
  issueReopenedV1,
  issueResolvedV1,
  issueRoutedV1,
  type Envelope,
} from '@tradepilot/contracts';
import { eventHandler, insertOnce, isDuplicateKeyError, type EventHandler } from '@tradepilot/messaging';
import type { ServiceDeps } from '@tradepilot/service-kit';
import { nationalScope, stampProjection, trusted } from '@tradepilot/tenancy';
import { appliedEventId, appliedEventModel } from '../applied-event-model';
import { keyIssueIndexModel, keyIssueIndexStamp, type KeyIssueIndexRow } from './key-issue-index-model';
import { syncOpenKeyIssueRow } from './open-key-issue-index';

const purpose = 'key-issue-index';

/**
 * Keeps `supervision_national.key_issue_index` from the service's own issue events: each applies
 * once and in order (the row's last sequence; a redelivered or older event changes nothing), and
 * its id is recorded in `applied_events` afterwards. `open_key_issue_index` follows the row:
 * unresolved issues only.
 */
export function keyIssueIndexProjection(deps: ServiceDeps): EventHandler[] {
  const rows = () => deps.databases.model(nationalScope, keyIssueIndexModel);

  const apply = async (
    event: Envelope<unknown>,
    change: { set: Partial<KeyIssueIndexRow>; addDepartments?: string[] },
    upsert = false,
  ): Promise<void> => {
    const update = {
      $set: { ...change.set, lastSequence: event.sequence, updatedAt: deps.now() },
      ...(change.addDepartments && change.addDepartments.length > 0
        ? { $addToSet: { departmentsReached: { $each: change.addDepartments } } }
        : {}),
    };
    try {
      await (
        await rows()
      ).updateOne({ _id: event.aggregateId, lastSequence: trusted({ $lt: event.sequence }) }, update, {
        upsert,
      });
    } catch (err) {
      // the row has seen this event already (the upsert met its own _id)
      if (!isDuplicateKeyError(err)) throw err;
    }
    await stampProjection(deps.databases, keyIssueIndexStamp);
    // the open row follows what the full row now says, so an older event brings nothing back
    await syncOpenKeyIssueRow(deps, event.aggregateId);
    const applied = await deps.databases.model(nationalScope, appliedEventModel);
    await insertOnce(() =>
      applied.create({
        _id: appliedEventId(purpose, event.id),
        eventId: event.id,
        purpose,
        appliedAt: deps.now(),
      }),
    );
  };

  const departmentsOf = (holder: { level: string; organisationIds: string[] }) =>
    holder.level === 'department' ? holder.organisationIds : [];

  return [
    eventHandler(issueRaisedV1, (e) =>
      apply(
        e,
        {
          set: {
            province: e.tenant,
            round: e.data.round,
            pilotAreaId: e.data.pilotAreaId,
            category: e.data.category,
            title: e.data.title,
            status: 'open',
            holderLevel: e.data.holder.level,
            holderOrganisationIds: e.data.holder.organisationIds,
            raisedAt: new Date(e.data.raisedAt),
            slaDueAt: new Date(e.data.dueAt),
            flagged: false,
          },
          addDepartments: departmentsOf(e.data.holder),
        },
        true,
      ),
    ),
    eventHandler(issueRoutedV1, (e) =>
      apply(e, {
        set: {
          status: 'open',
          holderLevel: e.data.to.level,
          holderOrganisationIds: e.data.to.organisationIds,
          slaDueAt: new Date(e.data.dueAt),
        },
        addDepartments: departmentsOf(e.data.to),
      }),
    ),
    eventHandler(issueEscalatedV1, (e) =>
      apply(
        e,
        e.data.final
          ? { set: { flagged: true, slaDueAt: null } }
          : {
              set: {
                status: 'open',
                holderLevel: e.data.escalatedTo.level,
                holderOrganisationIds: e.data.escalatedTo.organisationIds,
                slaDueAt: e.data.nextDueAt ? new Date(e.data.nextDueAt) : null,
              },
              addDepartments: departmentsOf(e.data.escalatedTo),
            },
      ),
    ),
    eventHandler(issueAnsweredV1, (e) => apply(e, { set: { status: 'answered', slaDueAt: null } })),
    eventHandler(issueResolvedV1, (e) => apply(e, { set: { status: 'resolved', slaDueAt: null } })),
    eventHandler(issueReopenedV1, (e) =>
      apply(e, {
        set: {
          status: 'open',
          holderLevel: e.data.holder.level,
          holderOrganisationIds: e.data.holder.organisationIds,
          slaDueAt: new Date(e.data.dueAt),
        },
      }),
    ),
  ];
}
