import {
  rectificationClosedV1,
  rectificationReturnedV1,
  rectificationSubmittedV1,
} from '@tradepilot/contracts';
import type { AttachmentStore } from '@tradepilot/attachments';
import { eventDraft, type EventDraft } from '@tradepilot/messaging';
import type { AuthorizedContext, ServiceDeps } from '@tradepilot/service-kit';
import { localDate } from '@tradepilot/timers';
import type { TenantScope } from '@tradepilot/tenancy';
import {
  commitChange,
  rectificationAuditSubject,
  rectificationCallers,
  rectifications,
  type Reach,
  type RecordChange,
} from './inspection-context';
import { inspectionErrors } from './inspection-errors';
import { rectificationView } from './inspection-view';
import { dueEnds } from './rectification-due';
import type { RectificationDocument, RectificationProgress } from './rectification-model';
import { escalationDueAt, rectificationRefusal, type RectificationAction } from './rectification-transitions';
import { rectificationUpdateId, rectificationUpdateModel } from './rectification-update-model';

export type RectificationInput =
  | {
      action: 'reportProgress';
      version: number;
      status: 'in-progress' | 'blocked';
      narrative: string;
      attachmentIds: string[];
    }
  | { action: 'submit'; version: number; narrative: string; attachmentIds: string[] }
  | { action: 'close'; version: number; comment: string }
  | { action: 'sendBack'; version: number; reason: string; dueDate?: string | undefined };

type Change = RecordChange<RectificationDocument>;

/** The pilot area's progress report or submission, kept as a line of `rectification_updates` too. */
async function areaUpdate(
  deps: ServiceDeps,
  scope: TenantScope,
  r: RectificationDocument,
  progress: RectificationProgress,
): Promise<NonNullable<Change['records']>[number]> {
  return {
    model: await deps.databases.model(scope, rectificationUpdateModel),
    document: {
      _id: rectificationUpdateId(r._id, r.version + 1),
      rectificationId: r._id,
      version: r.version + 1,
      ...progress,
    },
  };
}

async function changeFor(
  deps: ServiceDeps,
  scope: TenantScope,
  r: RectificationDocument,
  input: RectificationInput,
  userId: string,
  now: Date,
): Promise<Change> {
  const ids = {
    rectificationId: r._id,
    inspectionId: r.inspectionId,
    findingId: r.findingId,
    pilotAreaId: r.pilotAreaId,
  };
  const statusChange = (after: RectificationDocument['status']) =>
    r.status === after ? [] : [{ field: 'status', before: r.status, after }];
  switch (input.action) {
    case 'reportProgress': {
      const progress: RectificationProgress = {
        kind: 'progress',
        status: input.status,
        narrative: input.narrative,
        attachmentIds: input.attachmentIds,
        at: now,
        userId,
      };
      return {
        set: { status: 'in-progress', progress },
        events: [],
        audit: {
          action: 'progress-reported',
          changes: [
            ...statusChange('in-progress'),
            { field: 'progress', before: r.progress?.status ?? null, after: input.status },
          ],
        },
        records: [await areaUpdate(deps, scope, r, progress)],
      };
    }
    case 'submit': {
      const progress: RectificationProgress = {
        kind: 'submission',
        status: 'done',
        narrative: input.narrative,
        attachmentIds: input.attachmentIds,
        at: now,
        userId,
      };
      return {
        set: { status: 'submitted', progress, submittedAt: now, escalationDueAt: null },
        events: [eventDraft(rectificationSubmittedV1, { ...ids, submittedAt: now.toISOString() })],
        audit: { action: 'submitted', changes: statusChange('submitted') },
        records: [await areaUpdate(deps, scope, r, progress)],
      };
    }
    case 'close': {
      // overdue: it escalated, or the work that was accepted came in after the due date
      const overdue = r.escalatedAt !== null || (r.submittedAt !== null && r.submittedAt > r.dueAt);
      const events: EventDraft[] = [
        eventDraft(rectificationClosedV1, {
          ...ids,
          comment: input.comment,
          overdue,
          closedAt: now.toISOString(),
        }),
      ];
      return {
        set: { status: 'closed', closingComment: input.comment, closedAt: now, escalationDueAt: null },
        events,
        audit: { action: 'closed', changes: statusChange('closed'), reason: input.comment },
      };
    }
    case 'sendBack': {
      const dueDate = input.dueDate ?? r.dueDate;
      const dueAt = dueEnds(dueDate);
      return {
        set: {
          status: 'returned',
          returnReason: input.reason,
          returns: r.returns + 1,
          dueDate,
          dueAt,
          escalationDueAt: escalationDueAt('returned', dueAt, r.escalatedAt),
        },
        events: [
          eventDraft(rectificationReturnedV1, {
            ...ids,
            reason: input.reason,
            rectificationDue: dueDate,
            returnedAt: now.toISOString(),
          }),
        ],
        audit: {
          action: 'sent-back',
          changes: [
            ...statusChange('returned'),
            ...(dueDate !== r.dueDate ? [{ field: 'dueDate', before: r.dueDate, after: dueDate }] : []),
          ],
          reason: input.reason,
        },
      };
    }
  }
}

/**
 * The pilot area reports progress or submits its rectification as done; the inspector closes it
 * or sends it back: who may do what in which state, on the version the caller read, one write
 * with its event, audit line and (for the area) its update line.
 */
export async function actOnRectification(
  deps: ServiceDeps,
  attachments: AttachmentStore,
  ctx: AuthorizedContext,
  reach: Reach,
  scope: TenantScope,
  r: RectificationDocument,
  input: RectificationInput,
) {
  const callers = rectificationCallers(ctx, reach);
  const action: RectificationAction = input.action;
  const refusals = callers.map((c) => rectificationRefusal(r, c, action));
  if (!refusals.includes(null)) {
    throw inspectionErrors.rectificationRefused(
      action,
      refusals[0] ?? {
        kind: action === 'close' || action === 'sendBack' ? 'not-inspector' : 'not-pilot-area',
      },
      r.status,
    );
  }
  const now = deps.now();
  if (input.action === 'sendBack' && input.dueDate !== undefined && input.dueDate < localDate(now))
    throw inspectionErrors.duePassed(input.dueDate, localDate(now));
  if ((input.action === 'reportProgress' || input.action === 'submit') && input.attachmentIds.length > 0) {
    // linked before the write: a write that then loses its race leaves them linked to this same record
    const { refused } = await attachments.link(
      scope,
      [...new Set(input.attachmentIds)],
      { kind: 'rectification', id: r._id },
      ctx.principal.userId,
    );
    if (refused.length > 0) throw inspectionErrors.attachmentsRefused(refused);
  }
  const updated = await commitChange(
    deps,
    scope,
    await rectifications(deps, scope),
    { type: rectificationAuditSubject, what: inspectionErrors.rectification },
    r,
    input.version,
    ctx.actor,
    await changeFor(deps, scope, r, input, ctx.principal.userId, now),
  );
  return rectificationView(updated, scope.tenant, callers, now);
}
