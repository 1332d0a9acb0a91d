import {
  approvalCaseCompletedV1,
  reportAcceptedV1,
  reportReturnedV1,
  systemActor,
  type EventOf,
} from '@tradepilot/contracts';
import { eventDraft, eventHandler, insertOnce, VersionConflict } from '@tradepilot/messaging';
import type { ServiceDeps } from '@tradepilot/service-kit';
import { tenantScope } from '@tradepilot/tenancy';
import { appliedEventId, appliedEventModel } from '../applied-event-model';
import { reportById } from './report-context';
import { commitReport, type ReportChange } from './report-drafting';
import type { ProgressReportDocument } from './report-model';

type Decision = EventOf<typeof approvalCaseCompletedV1>;
const purpose = 'report-outcome';

function decisionChange(report: ProgressReportDocument, event: Decision, now: Date): ReportChange {
  const { outcome, reason, caseId } = event.data;
  const common = {
    reportId: report._id,
    pilotAreaId: report.pilotAreaId,
    periodId: report.periodId,
    round: report.round,
    submission: report.submission,
    caseId,
  };
  if (outcome === 'approved')
    return {
      set: { status: 'accepted', caseId, acceptedAt: now, returnReason: null },
      events: [
        eventDraft(reportAcceptedV1, {
          ...common,
          timeliness: report.timeliness ?? { status: 'on_time', daysLate: 0 },
          acceptedAt: now.toISOString(),
        }),
      ],
      audit: { action: 'accepted', changes: [{ field: 'status', before: report.status, after: 'accepted' }] },
    };
  // the report case has no rejection; were one configured, the area would still owe a report
  return {
    set: { status: 'returned', caseId, returnReason: reason ?? '' },
    events: [
      eventDraft(reportReturnedV1, { ...common, reason: reason ?? '', returnedAt: now.toISOString() }),
    ],
    audit: {
      action: 'returned',
      changes: [{ field: 'status', before: report.status, after: 'returned' }],
      reason: reason ?? '',
    },
  };
}

/**
 * The approvals engine decided a report case: accepted, or returned with comments (the draft is
 * open again). The decision and its event are one write on the submission it decided; a
 * redelivery, or a decision of an older submission, changes nothing; the event id is recorded last.
 */
export const reportOutcomeHandler = (deps: ServiceDeps) =>
  eventHandler(approvalCaseCompletedV1, async (event: Decision): Promise<void> => {
    const { subject } = event.data;
    if (subject.service !== 'supervision' || subject.type !== 'report') return;
    const scope = tenantScope(event.tenant);
    const applied = await deps.databases.model(scope, appliedEventModel);
    const id = appliedEventId(purpose, event.id);
    if ((await applied.exists({ _id: id })) !== null) return;
    const { report } = await reportById(deps, scope, subject.id);
    if (!report) {
      deps.logger.warn(
        { reportId: subject.id, eventId: event.id },
        'decision for a report this province does not have',
      );
      return;
    }
    if (report.status === 'submitted' && report.submission === subject.version) {
      const updated = await commitReport(
        deps,
        scope,
        report,
        event.actor,
        decisionChange(report, event, deps.now()),
        {
          causationId: event.id,
          eventActor: systemActor('supervision'),
        },
      );
      // changed in between: the runner retries against the new version
      if (!updated)
        throw new VersionConflict(`report ${report._id} changed while applying decision ${event.id}`);
    }
    await insertOnce(() => applied.create({ _id: id, eventId: event.id, purpose, appliedAt: deps.now() }));
  });
