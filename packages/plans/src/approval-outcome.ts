import { approvalCaseCompletedV1, systemActor } from '@tradepilot/contracts';
import { eventHandler } from '@tradepilot/messaging';
import type { ServiceDeps } from '@tradepilot/service-kit';
import { tenantScope } from '@tradepilot/tenancy';
import type { PlanRepository } from './plan-repository';

/**
 * The approvals engine decided a plan: mark it approved, or returned with the approver's reason.
 * The write is conditional on the plan's version and records the event id, so a redelivered
 * decision changes nothing; a decision about an older submission is recorded and ignored.
 */
export const approvalOutcomeHandler = (deps: ServiceDeps, plans: PlanRepository) =>
  eventHandler(approvalCaseCompletedV1, async (event) => {
    const { subject, outcome, reason } = event.data;
    if (subject.service !== 'plans' || subject.type !== 'plan') return;
    const scope = tenantScope(event.tenant);
    const plan = await plans.get(scope, subject.id);
    if (!plan) {
      deps.logger.warn(
        { planId: subject.id, eventId: event.id },
        'decision for a plan this province does not have',
      );
      return;
    }
    if (plan.appliedEventIds.includes(event.id)) return;

    const current = plan.status === 'submitted' && plan.submission === subject.version;
    const now = deps.now();
    const change = !current
      ? {}
      : outcome === 'approved'
        ? { status: 'approved', approvedAt: now, returnReason: null }
        : { status: 'returned', returnReason: reason ?? '' };
    const updated = await deps.outbox.commit(
      await plans.model(scope),
      plan,
      {
        $set: { ...change, ...(current ? { updatedAt: now, updatedBy: event.actor.userId } : {}) },
        $push: { appliedEventIds: event.id },
      },
      [],
      { tenant: event.tenant, actor: systemActor('plans'), causationId: event.id, now },
    );
    // someone changed the plan in between: fail so the runner retries against the new version
    if (!updated) throw new Error(`plan ${plan._id} changed while applying decision ${event.id}`);
  });
