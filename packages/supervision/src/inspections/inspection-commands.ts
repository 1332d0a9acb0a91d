import {
  inspectionCarriedOutV1,
  inspectionFindingRecordedV1,
  inspectionScheduledV1,
} from '@tradepilot/contracts';
import { eventDraft } from '@tradepilot/messaging';
import {
  type AuthorizedContext,
  type ServiceDeps,
  auditTrailModel,
  versionedAuditLine,
} from '@tradepilot/service-kit';
import { localDate } from '@tradepilot/timers';
import { tenantScope, type TenantScope } from '@tradepilot/tenancy';
import { randomUUID } from 'node:crypto';
import { pilotAreaForCaller } from '../pilot-area-access';
import { reportingCalendar } from '../reporting-calendar';
import { roundNotForPilotArea } from '../supervision-errors';
import {
  commitChange,
  inspectionAuditSubject,
  inspections,
  inspectorOf,
  rectificationAuditSubject,
  rectificationCallers,
  rectifications,
  type Reach,
} from './inspection-context';
import { inspectionErrors } from './inspection-errors';
import type {
  FindingRecordInput,
  InspectionCarryOutInput,
  InspectionScheduleInput,
} from './inspection-inputs';
import { checkedLinks } from './inspection-links';
import type { InspectionDocument } from './inspection-model';
import { inspectionRefusal, type InspectionAction } from './inspection-transitions';
import { inspectionView, rectificationView } from './inspection-view';
import { rectificationDue } from './rectification-due';
import type { RectificationDocument } from './rectification-model';

type NewDocument<T> = Omit<T, 'version' | 'lastSequence' | 'outbox' | 'relayLeaseUntil'>;

/** The area inspected and the round: in the caller's province, or (the ministry) anywhere. */
function inspectedArea(
  deps: ServiceDeps,
  ctx: AuthorizedContext,
  reach: Reach,
  pilotAreaId: string,
  round?: number,
) {
  if (reach === 'province') {
    const { scope, area, round: chosen } = pilotAreaForCaller(deps, ctx, pilotAreaId, round);
    return { scope, areaId: area.id, round: chosen };
  }
  const area = deps.registry.pilotArea(pilotAreaId);
  if (!area) throw inspectionErrors.unknownPilotArea(pilotAreaId);
  const chosen = round ?? Math.max(...area.rounds);
  if (!area.rounds.includes(chosen)) throw roundNotForPilotArea(area.id, chosen, area.rounds);
  return { scope: tenantScope(area.province), areaId: area.id, round: chosen };
}

/**
 * The ministry, or a province for one of its areas, schedules an inspection (督查): dates, subject,
 * scope, inspectors, optional links to tasks and measures of the plan in force.
 */
export async function scheduleInspection(
  deps: ServiceDeps,
  ctx: AuthorizedContext,
  reach: Reach,
  input: InspectionScheduleInput,
) {
  const inspector = inspectorOf(ctx, reach);
  if (!inspector) throw inspectionErrors.scheduleNotAllowed();
  const { scope, areaId, round } = inspectedArea(deps, ctx, reach, input.pilotAreaId, input.round);
  if (input.endDate < input.startDate) throw inspectionErrors.datesOutOfOrder(input.startDate, input.endDate);
  const links = await checkedLinks(deps, scope, areaId, round, input);
  const now = deps.now();
  const id = randomUUID();
  const document: NewDocument<InspectionDocument> = {
    _id: id,
    round,
    pilotAreaId: areaId,
    inspectorLevel: inspector.level,
    inspectorOrganisationId: inspector.organisationId,
    subject: input.subject,
    scope: input.scope ?? { 'zh-CN': '', en: '' },
    startDate: input.startDate,
    endDate: input.endDate,
    inspectors: input.inspectors,
    ...links,
    status: 'scheduled',
    summary: null,
    carriedOutAt: null,
    scheduledBy: ctx.principal.userId,
    createdAt: now,
    updatedAt: now,
    updatedBy: ctx.principal.userId,
  };
  // the audit line first: a crash in between leaves a line of a record that never came to be,
  // never a record without its line
  await (
    await deps.databases.model(scope, auditTrailModel)
  ).replaceOne(
    { _id: `${inspectionAuditSubject}:${id}:1` },
    versionedAuditLine({ type: inspectionAuditSubject, id }, 1, ctx.actor, now, 'scheduled', [
      { field: 'status', before: null, after: 'scheduled' },
      { field: 'dates', before: null, after: `${input.startDate}..${input.endDate}` },
    ]),
    { upsert: true },
  );
  const created = await deps.outbox.create<InspectionDocument>(
    await inspections(deps, scope),
    document,
    [
      eventDraft(inspectionScheduledV1, {
        inspectionId: id,
        round,
        pilotAreaId: areaId,
        inspectorLevel: inspector.level,
        inspectorOrganisationId: inspector.organisationId,
        subject: input.subject,
        startDate: input.startDate,
        endDate: input.endDate,
        scheduledAt: now.toISOString(),
      }),
    ],
    { tenant: scope.tenant, actor: ctx.actor, now },
  );
  return inspectionView(created, scope.tenant, inspector);
}

const refuseUnlessAllowed = (
  inspection: InspectionDocument,
  inspector: ReturnType<typeof inspectorOf>,
  action: InspectionAction,
) => {
  const refusal = inspectionRefusal(inspection, inspector, action);
  if (refusal) throw inspectionErrors.inspectionRefused(action, refusal, inspection.status);
};

/** The inspector records the inspection as carried out (on the days it actually took place). */
export async function carryOutInspection(
  deps: ServiceDeps,
  ctx: AuthorizedContext,
  reach: Reach,
  scope: TenantScope,
  inspection: InspectionDocument,
  input: InspectionCarryOutInput,
) {
  const inspector = inspectorOf(ctx, reach);
  refuseUnlessAllowed(inspection, inspector, 'carryOut');
  const startDate = input.startDate ?? inspection.startDate;
  const endDate = input.endDate ?? inspection.endDate;
  if (endDate < startDate) throw inspectionErrors.datesOutOfOrder(startDate, endDate);
  const now = deps.now();
  const updated = await commitChange(
    deps,
    scope,
    await inspections(deps, scope),
    { type: inspectionAuditSubject, what: inspectionErrors.inspection },
    inspection,
    input.version,
    ctx.actor,
    {
      set: { status: 'carried-out', startDate, endDate, summary: input.summary ?? null, carriedOutAt: now },
      events: [
        eventDraft(inspectionCarriedOutV1, {
          inspectionId: inspection._id,
          pilotAreaId: inspection.pilotAreaId,
          startDate,
          endDate,
          carriedOutAt: now.toISOString(),
        }),
      ],
      audit: {
        action: 'carried-out',
        changes: [
          { field: 'status', before: inspection.status, after: 'carried-out' },
          ...(startDate !== inspection.startDate || endDate !== inspection.endDate
            ? [
                {
                  field: 'dates',
                  before: `${inspection.startDate}..${inspection.endDate}`,
                  after: `${startDate}..${endDate}`,
                },
              ]
            : []),
        ],
        reason: input.summary ?? null,
      },
    },
  );
  return inspectionView(updated, scope.tenant, inspector);
}

/**
 * The inspector records a finding of a carried-out inspection; its rectification (整改) starts with
 * a due date (a day, or working days from today on the working calendar). One insert holds the
 * finding, the rectification and `inspection.finding_recorded.v1`.
 */
export async function recordFinding(
  deps: ServiceDeps,
  ctx: AuthorizedContext,
  reach: Reach,
  scope: TenantScope,
  inspection: InspectionDocument,
  input: FindingRecordInput,
) {
  const inspector = inspectorOf(ctx, reach);
  refuseUnlessAllowed(inspection, inspector, 'recordFinding');
  const hasDate = input.dueDate !== undefined;
  const hasDays = input.dueInWorkingDays !== undefined;
  if (hasDate === hasDays) throw inspectionErrors.dueRequired();
  const now = deps.now();
  const due = rectificationDue(
    reportingCalendar(),
    now,
    input.dueDate !== undefined
      ? { dueDate: input.dueDate }
      : { dueInWorkingDays: input.dueInWorkingDays ?? 1 },
  );
  if (!due) throw inspectionErrors.duePassed(input.dueDate ?? '', localDate(now));
  const links = await checkedLinks(deps, scope, inspection.pilotAreaId, inspection.round, input);
  const id = randomUUID();
  const findingId = randomUUID();
  const document: NewDocument<RectificationDocument> = {
    _id: id,
    findingId,
    inspectionId: inspection._id,
    round: inspection.round,
    pilotAreaId: inspection.pilotAreaId,
    inspectorLevel: inspection.inspectorLevel,
    inspectorOrganisationId: inspection.inspectorOrganisationId,
    finding: { description: input.description, severity: input.severity, ...links },
    recordedAt: now,
    recordedBy: ctx.principal.userId,
    dueDate: due.dueDate,
    dueAt: due.dueAt,
    status: 'open',
    progress: null,
    submittedAt: null,
    returnReason: null,
    returns: 0,
    closingComment: null,
    closedAt: null,
    escalationDueAt: due.dueAt,
    escalatedAt: null,
    createdAt: now,
    updatedAt: now,
    updatedBy: ctx.principal.userId,
  };
  await (
    await deps.databases.model(scope, auditTrailModel)
  ).replaceOne(
    { _id: `${rectificationAuditSubject}:${id}:1` },
    versionedAuditLine({ type: rectificationAuditSubject, id }, 1, ctx.actor, now, 'finding-recorded', [
      { field: 'status', before: null, after: 'open' },
      { field: 'dueDate', before: null, after: due.dueDate },
      { field: 'severity', before: null, after: input.severity },
    ]),
    { upsert: true },
  );
  const created = await deps.outbox.create<RectificationDocument>(
    await rectifications(deps, scope),
    document,
    [
      eventDraft(inspectionFindingRecordedV1, {
        inspectionId: inspection._id,
        pilotAreaId: inspection.pilotAreaId,
        findingId,
        inspectorLevel: inspection.inspectorLevel,
        description: input.description['zh-CN'],
        rectificationId: id,
        rectificationDue: due.dueDate,
        recordedAt: now.toISOString(),
        inspectorOrganisationId: inspection.inspectorOrganisationId,
        round: inspection.round,
        severity: input.severity,
        ...links,
      }),
    ],
    { tenant: scope.tenant, actor: ctx.actor, now },
  );
  return rectificationView(created, scope.tenant, rectificationCallers(ctx, reach), now);
}
