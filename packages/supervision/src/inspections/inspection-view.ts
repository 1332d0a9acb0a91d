import type { InspectionDocument } from './inspection-model';
import { inspectionRefusal, type InspectorCaller } from './inspection-transitions';
import type { RectificationDocument } from './rectification-model';
import {
  allowedRectificationActions,
  isOverdue,
  type RectificationCaller,
} from './rectification-transitions';

/** An inspection as a caller sees it, with what they may do now. */
export function inspectionView(
  inspection: InspectionDocument,
  province: string,
  inspector: InspectorCaller | null,
) {
  return {
    inspectionId: inspection._id,
    version: inspection.version,
    province,
    round: inspection.round,
    pilotAreaId: inspection.pilotAreaId,
    inspectorLevel: inspection.inspectorLevel,
    inspectorOrganisationId: inspection.inspectorOrganisationId,
    subject: inspection.subject,
    scope: inspection.scope,
    startDate: inspection.startDate,
    endDate: inspection.endDate,
    inspectors: inspection.inspectors,
    taskIds: inspection.taskIds,
    measureIds: inspection.measureIds,
    status: inspection.status,
    summary: inspection.summary,
    carriedOutAt: inspection.carriedOutAt?.toISOString() ?? null,
    scheduledBy: inspection.scheduledBy,
    createdAt: inspection.createdAt.toISOString(),
    mayCarryOut: inspectionRefusal(inspection, inspector, 'carryOut') === null,
    mayRecordFinding: inspectionRefusal(inspection, inspector, 'recordFinding') === null,
  };
}
export type InspectionView = ReturnType<typeof inspectionView>;

/** A finding and its rectification as a caller sees them, with what they may do now. */
export function rectificationView(
  r: RectificationDocument,
  province: string,
  callers: RectificationCaller[],
  now: Date,
) {
  const may = new Set(allowedRectificationActions(r, callers));
  return {
    rectificationId: r._id,
    version: r.version,
    province,
    findingId: r.findingId,
    inspectionId: r.inspectionId,
    round: r.round,
    pilotAreaId: r.pilotAreaId,
    inspectorLevel: r.inspectorLevel,
    inspectorOrganisationId: r.inspectorOrganisationId,
    finding: r.finding,
    recordedAt: r.recordedAt.toISOString(),
    dueDate: r.dueDate,
    dueAt: r.dueAt.toISOString(),
    status: r.status,
    overdue: isOverdue(r, now),
    escalated: r.escalatedAt !== null,
    escalatedAt: r.escalatedAt?.toISOString() ?? null,
    progress: r.progress ? { ...r.progress, at: r.progress.at.toISOString() } : null,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    returnReason: r.returnReason,
    returns: r.returns,
    closingComment: r.closingComment,
    closedAt: r.closedAt?.toISOString() ?? null,
    mayReportProgress: may.has('reportProgress'),
    maySubmit: may.has('submit'),
    mayClose: may.has('close'),
    maySendBack: may.has('sendBack'),
  };
}
export type RectificationView = ReturnType<typeof rectificationView>;
