import { rectificationEscalatedV1, systemActor } from '@tradepilot/contracts';
import { eventDraft } from '@tradepilot/messaging';
import type { ServiceDeps } from '@tradepilot/service-kit';
import { trusted } from '@tradepilot/tenancy';
import type { DueItem, DueItemSource, FireOutcome } from '@tradepilot/timers';
import { commitChange, rectificationAuditSubject, rectifications } from './inspection-context';
import { inspectionErrors } from './inspection-errors';
import type { RectificationDocument } from './rectification-model';
import { isOverdue } from './rectification-transitions';

/** One rectification's overdue timer, as the scheduler sees it. */
export interface RectificationOverdueItem extends DueItem {
  rectificationId: string;
}

/**
 * Overdue rectifications on the durable scheduler (every province database): one that passes its
 * due date with the pilot area still owing the work escalates once, in the conditional write that
 * records it with `rectification.escalated.v1` (deterministic id: rectification, kind, due time),
 * across restarts and instances; never again for that rectification, whatever its due date becomes.
 */
export function rectificationTimers(deps: ServiceDeps): DueItemSource<RectificationOverdueItem> {
  return {
    async due(scope, now, limit) {
      const found = await (
        await rectifications(deps, scope)
      )
        .find({ escalationDueAt: trusted({ $lte: now }) } as never)
        .select({ _id: 1, escalationDueAt: 1 })
        .sort({ escalationDueAt: 1 })
        .limit(limit)
        .lean<RectificationDocument[]>();
      return found.flatMap((r) =>
        r.escalationDueAt
          ? [
              {
                subject: `rectification:${r._id}`,
                kind: 'overdue',
                dueAt: r.escalationDueAt,
                rectificationId: r._id,
              },
            ]
          : [],
      );
    },

    async fire(scope, item, { eventId, now }): Promise<FireOutcome> {
      const model = await rectifications(deps, scope);
      const current = await model.findById(item.rectificationId).lean<RectificationDocument>();
      const stillDue =
        current !== null &&
        current.escalatedAt === null &&
        current.escalationDueAt !== null &&
        current.escalationDueAt.getTime() === item.dueAt.getTime() &&
        isOverdue(current, now);
      if (!current || !stillDue) return 'not-due';
      const draft = eventDraft(rectificationEscalatedV1, {
        rectificationId: current._id,
        inspectionId: current.inspectionId,
        findingId: current.findingId,
        pilotAreaId: current.pilotAreaId,
        inspectorLevel: current.inspectorLevel,
        status: current.status,
        rectificationDue: current.dueDate,
        dueAt: current.dueAt.toISOString(),
        escalatedAt: now.toISOString(),
      });
      await commitChange(
        deps,
        scope,
        model,
        { type: rectificationAuditSubject, what: inspectionErrors.rectification },
        current,
        current.version,
        systemActor('supervision'),
        {
          set: { escalatedAt: now, escalationDueAt: null },
          events: [{ ...draft, id: eventId }],
          audit: {
            action: 'escalated',
            changes: [{ field: 'escalated', before: false, after: true }],
            reason: `due date ${current.dueDate} passed unfinished`,
          },
        },
      );
      return 'fired';
    },
  };
}
