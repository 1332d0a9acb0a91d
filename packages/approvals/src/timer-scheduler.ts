import { approvalEscalatedV1, approvalReminderDueV1, systemActor } from '@tradepilot/contracts';
import { eventDraft } from '@tradepilot/messaging';
import type { BackgroundTask, ServiceDeps } from '@tradepilot/service-kit';
import { trusted, type TenantScope } from '@tradepilot/tenancy';
import type { ApprovalCaseDocument } from './approval-case-model';
import type { ApprovalsRepository } from './approvals-repository';
import { fireDueTimers } from './case-chain';
import { stateUpdate } from './case-state-update';

const batch = 100;

/**
 * Fires reminders and escalations from the due dates stored on the steps: each sweep reads the
 * cases whose next timer has come (by the injectable clock) and marks each fired timer on its step
 * in the same conditional write that appends the event. A restart loses nothing (the dates are
 * stored) and repeats nothing (a fired timer is marked; a concurrent sweep loses the version race).
 */
export class TimerScheduler implements BackgroundTask {
  readonly name = 'approval-timers';
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly repository: ApprovalsRepository,
    private readonly pollMs: number,
  ) {}

  start(): void {
    this.stopped = false;
    const loop = () => {
      this.running = this.sweep()
        .catch((err) => this.deps.logger.warn({ err }, 'timer sweep failed; the next one retries'))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(loop, this.pollMs);
        });
    };
    loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  async sweep(): Promise<void> {
    const now = this.deps.now();
    for (const scope of await this.repository.provinceScopes()) {
      if (this.stopped) return;
      await this.sweepProvince(scope, now);
    }
    await (
      await this.repository.heartbeat()
    ).updateOne(
      { _id: 'timers' },
      { $inc: { sweeps: 1 }, $set: { lastSweepAt: new Date(), lastClock: now } },
      { upsert: true },
    );
  }

  private async sweepProvince(scope: TenantScope, now: Date): Promise<void> {
    const cases = await this.repository.cases(scope);
    const due = await cases
      .find({ status: 'open', nextTimerAt: trusted({ $lte: now }) } as never)
      .sort({ nextTimerAt: 1 })
      .limit(batch)
      .lean<ApprovalCaseDocument[]>();
    for (const current of due) {
      const { state, reminders, escalations } = fireDueTimers(current, now);
      if (reminders.length === 0 && escalations.length === 0) continue;
      const common = { caseId: current._id, caseType: current.caseType, subject: current.subject };
      const drafts = [
        ...reminders.map((s) =>
          eventDraft(approvalReminderDueV1, {
            ...common,
            stepId: s.id,
            level: s.level,
            approver: s.approver,
            remindAt: (s.remindAt as Date).toISOString(),
            dueAt: (s.dueAt as Date).toISOString(),
          }),
        ),
        ...escalations.map((s) =>
          eventDraft(approvalEscalatedV1, {
            ...common,
            stepId: s.id,
            level: s.level,
            approver: s.approver,
            dueAt: (s.dueAt as Date).toISOString(),
            escalatedAt: now.toISOString(),
            escalatedTo: s.escalateTo,
          }),
        ),
      ];
      const updated = await this.deps.outbox.commit(
        cases,
        current,
        { $set: stateUpdate(state, now) },
        drafts,
        {
          tenant: scope.tenant,
          actor: systemActor('approvals'),
          now,
        },
      );
      if (!updated)
        this.deps.logger.info(
          { caseId: current._id },
          'case changed during the timer sweep; next sweep re-reads it',
        );
    }
  }
}
