import { randomUUID } from 'node:crypto';
import { approvalCaseCompletedV1, approvalStepDecidedV1, type EventActor } from '@tradepilot/contracts';
import { eventDraft, type EventDraft } from '@tradepilot/messaging';
import type { AuthorizedContext, ServiceDeps } from '@tradepilot/service-kit';
import { tenantScope } from '@tradepilot/tenancy';
import type { ApprovalsRepository } from './approvals-repository';
import type { CalendarSource } from './calendar-source';
import { capacitiesOf, locateCase } from './case-access';
import { actionableStep, decide, lockedLevels, routing, type Capacity } from './case-chain';
import { caseVersionConflict, refusalError } from './case-errors';
import { stateUpdate } from './case-state-update';
import { actionOf, toCaseView, type CaseView, type DecisionName } from './case-view';

export interface DecideInput {
  caseId: string;
  decision: DecisionName;
  reason?: string | undefined;
  version: number;
  stepId?: string | undefined;
}

// a parallel step decided in between is not a conflict for this one: re-read and try again
const attempts = 4;

/**
 * The caller acts on their actionable step of a case (or the one named). The decision, its
 * events and the next level's activation are one conditional write; a refusal changes nothing.
 */
export async function decideCase(
  deps: ServiceDeps,
  repository: ApprovalsRepository,
  calendars: CalendarSource,
  ctx: AuthorizedContext,
  input: DecideInput,
  known?: { capacities: Capacity[] },
): Promise<CaseView> {
  const capacities = known?.capacities ?? (await capacitiesOf(repository, ctx, deps.now()));
  const located = await locateCase(repository, ctx, input.caseId, capacities);
  const { tenant } = located;
  let current = located.found;
  const scope = tenantScope(tenant);
  const reason = input.reason?.trim() || null;
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const context = {
      status: current.status,
      level: current.level,
      version: current.version,
      seen: input.version,
      stepId: input.stepId,
    };
    const resolved = actionableStep(current, capacities, input.stepId);
    if ('refusal' in resolved) throw refusalError(resolved.refusal, context);
    const { step, capacity } = resolved;
    const now = deps.now();
    const clock = { at: now, calendar: await calendars.calendar(), newId: randomUUID };
    const result = decide(
      current,
      {
        stepId: step.id,
        action: actionOf[input.decision],
        reason,
        decidedBy: ctx.principal.userId,
        actingForUserId: capacity.actingForUserId,
        actingRole: capacity.approver.role,
        seenVersion: input.version,
      },
      clock,
      current.version,
    );
    if ('refusal' in result) throw refusalError(result.refusal, context);

    const actor: EventActor = {
      ...ctx.actor,
      role: capacity.approver.role,
      ...(capacity.actingForUserId ? { actingForUserId: capacity.actingForUserId } : {}),
    };
    const drafts: EventDraft[] = [
      eventDraft(approvalStepDecidedV1, {
        caseId: current._id,
        caseType: current.caseType,
        subject: current.subject,
        stepId: step.id,
        level: step.level,
        approver: step.approver,
        action: actionOf[input.decision],
        reason,
        decidedBy: ctx.principal.userId,
        actingForUserId: capacity.actingForUserId,
        decidedAt: now.toISOString(),
        lockedLevels: lockedLevels(result.state),
        openSteps: routing(result.state).openSteps,
      }),
    ];
    if (result.completed) {
      drafts.push(
        eventDraft(approvalCaseCompletedV1, {
          caseId: current._id,
          caseType: current.caseType,
          subject: current.subject,
          outcome: result.completed.outcome,
          reason,
          level: result.completed.level,
          decidedAt: now.toISOString(),
        }),
      );
    }
    const updated = await deps.outbox.commit(
      await repository.cases(scope),
      current,
      { $set: stateUpdate(result.state, now) },
      drafts,
      { tenant, actor, now },
    );
    if (updated) return toCaseView(tenant, updated, capacities, now);
    const latest = await repository.getCase(scope, input.caseId);
    if (!latest) break;
    current = latest;
  }
  throw caseVersionConflict(input.version, current.version);
}
