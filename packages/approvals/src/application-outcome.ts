import { approvalApplicationDecidedV1, approvalCaseCompletedV1, systemActor } from '@tradepilot/contracts';
import { eventDraft, eventHandler, VersionConflict } from '@tradepilot/messaging';
import type { ServiceDeps } from '@tradepilot/service-kit';
import { tenantScope } from '@tradepilot/tenancy';
import type { ApprovalsRepository } from './approvals-repository';
import type { CalendarSource } from './calendar-source';
import { localDate } from '@tradepilot/timers';
import { applicationDecisionPurpose } from './application-arrays-migration';

/**
 * An admin-matter case completed: the application is decided, with its processing time in working
 * days from receipt. Conditional on the application's version and guarded by the event id
 * (`applied_events`) and the application's status.
 */
export const applicationOutcome = (
  deps: ServiceDeps,
  repository: ApprovalsRepository,
  calendars: CalendarSource,
) =>
  eventHandler(approvalCaseCompletedV1, async (event) => {
    const { subject, outcome, caseId, decidedAt } = event.data;
    if (subject.service !== 'approvals' || subject.type !== 'admin-application') return;
    const scope = tenantScope(event.tenant);
    const applications = await repository.applications(scope);
    const application = await applications.findById(subject.id).lean();
    if (!application) {
      deps.logger.warn(
        { applicationId: subject.id, eventId: event.id },
        'decision for an application this province does not have',
      );
      return;
    }
    if (application.status !== 'pending') return;
    if (await repository.appliedEvents.wasApplied(scope, event.id, applicationDecisionPurpose)) return;
    if (outcome === 'returned') return;
    const decidedOn = localDate(new Date(decidedAt));
    const processingWorkingDays = (await calendars.calendar()).workingDaysBetween(
      application.receivedOn,
      decidedOn,
    );
    const withinStatutoryLimit = processingWorkingDays <= application.statutoryLimitDays;
    const now = deps.now();
    const updated = await deps.outbox.commit(
      applications,
      application,
      {
        $set: { status: outcome, caseId, decidedOn, processingWorkingDays, withinStatutoryLimit },
      },
      [
        eventDraft(approvalApplicationDecidedV1, {
          applicationId: application._id,
          matterId: application.matterId,
          caseId,
          outcome,
          decidedOn,
          processingWorkingDays,
          withinStatutoryLimit,
        }),
      ],
      { tenant: event.tenant, actor: systemActor('approvals'), causationId: event.id, now },
    );
    if (!updated)
      throw new VersionConflict(`application ${application._id} changed while applying decision ${event.id}`);
    await repository.appliedEvents.markApplied(
      scope,
      { eventId: event.id, purpose: applicationDecisionPurpose, aggregateId: application._id },
      now,
    );
  });
