import { approvalEscalatedV1, approvalReminderDueV1, systemActor } from '@tradepilot/contracts';
import { eventDraft } from '@tradepilot/messaging';
import type { ServiceDeps } from '@tradepilot/service-kit';
import { trusted, type TenantScope } from '@tradepilot/tenancy';
import type { DueItem, DueItemSource, FireOutcome } from '@tradepilot/timers';
import type { ApprovalCaseDocument } from './approval-case-model';
import type { ApprovalsRepository } from './approvals-repository';
import { dueTimers, fireTimer, type StepTimer } from './case-chain';
import { stateUpdate } from './case-state-update';

/** A reminder or escalation of one case step, as the scheduler sees it. */
export interface CaseTimerItem extends DueItem {
  caseId: string;
  timer: StepTimer;
}

/**
 * The reminders and escalations of the cases: due dates are stored on the steps, firing one marks
 * its step in the same conditional write that appends the event (under the scheduler's id).
 */
export function caseTimers(deps: ServiceDeps, repository: ApprovalsRepository): DueItemSource<CaseTimerItem> {
  return {
    scopes: (listing) => repository.provinceScopes(listing),

    async due(scope, now, limit) {
      const cases = await repository.cases(scope);
      const open = await cases
        .find({ status: 'open', nextTimerAt: trusted({ $lte: now }) } as never)
        .sort({ nextTimerAt: 1 })
        .limit(limit)
        .lean<ApprovalCaseDocument[]>();
      return open.flatMap((c) =>
        dueTimers(c, now).map((timer) => ({
          subject: `${c._id}:${timer.stepId}`,
          kind: timer.kind,
          dueAt: timer.dueAt,
          caseId: c._id,
          timer,
        })),
      );
    },

    async fire(scope: TenantScope, item, { eventId, now }): Promise<FireOutcome> {
      const cases = await repository.cases(scope);
      const current = await cases.findById(item.caseId).lean<ApprovalCaseDocument>();
      const fired = current ? fireTimer(current, item.timer, now) : null;
      if (!current || !fired) return 'not-due';
      const { step } = fired;
      const common = { caseId: current._id, caseType: current.caseType, subject: current.subject };
      const draft =
        item.timer.kind === 'reminder'
          ? eventDraft(approvalReminderDueV1, {
              ...common,
              stepId: step.id,
              level: step.level,
              approver: step.approver,
              remindAt: (step.remindAt as Date).toISOString(),
              dueAt: (step.dueAt as Date).toISOString(),
            })
          : eventDraft(approvalEscalatedV1, {
              ...common,
              stepId: step.id,
              level: step.level,
              approver: step.approver,
              dueAt: (step.dueAt as Date).toISOString(),
              escalatedAt: now.toISOString(),
              escalatedTo: step.escalateTo,
            });
      const updated = await deps.outbox.commit(
        cases,
        current,
        { $set: stateUpdate(fired.state, now) },
        [{ ...draft, id: eventId }],
        { tenant: scope.tenant, actor: systemActor('approvals'), now },
      );
      // the case changed under us: the claim is given back and the next sweep re-reads it
      if (!updated) throw new Error(`case ${current._id} changed while its timer fired; retried next sweep`);
      return 'fired';
    },
  };
}
