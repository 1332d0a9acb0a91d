import { approvalCaseCompletedV1 } from '@tradepilot/contracts';
import { eventDraft } from '@tradepilot/messaging';
import type { AuthorizedContext, ServiceDeps } from '@tradepilot/service-kit';
import { tenantScope } from '@tradepilot/tenancy';
import type { CaseDecision, CaseStatus } from './approval-case-model';
import { caseAlreadyDecided, caseNotFound, caseVersionConflict, reasonRequired } from './case-errors';
import type { CaseRepository } from './case-repository';
import { toCaseView, type CaseView } from './case-view';

const outcomeOf: Record<CaseDecision, Exclude<CaseStatus, 'open'>> = {
  approve: 'approved',
  return: 'returned',
  reject: 'rejected',
};

/**
 * The ministry decides a case. Which province holds it comes from the national index, never from
 * the caller; the decision and `approval.case_completed.v1` are one conditional write.
 */
export async function decideCase(
  deps: ServiceDeps,
  cases: CaseRepository,
  ctx: AuthorizedContext,
  input: { caseId: string; decision: CaseDecision; reason?: string | undefined; version: number },
): Promise<CaseView> {
  const entry = await cases.indexEntry(input.caseId);
  if (!entry) throw caseNotFound(input.caseId);
  const scope = tenantScope(entry.tenant);
  const current = await cases.get(scope, input.caseId);
  if (!current) throw caseNotFound(input.caseId);
  if (current.status !== 'open') throw caseAlreadyDecided(current.status);
  const reason = input.reason?.trim() || null;
  if (input.decision !== 'approve' && !reason) throw reasonRequired();
  if (current.version !== input.version) throw caseVersionConflict(input.version, current.version);

  const now = deps.now();
  const outcome = outcomeOf[input.decision];
  const updated = await deps.outbox.commit(
    await cases.cases(scope),
    current,
    {
      $set: { status: outcome, closedAt: now },
      $push: {
        decisions: {
          level: current.level,
          decision: input.decision,
          reason,
          decidedBy: ctx.principal.userId,
          actingRole: ctx.actingRole,
          decidedAt: now,
        },
      },
    },
    [
      eventDraft(approvalCaseCompletedV1, {
        caseId: current._id,
        caseType: current.caseType,
        subject: current.subject,
        outcome,
        reason,
        level: current.level,
        decidedAt: now.toISOString(),
      }),
    ],
    { tenant: entry.tenant, actor: ctx.actor, now },
  );
  if (!updated) {
    const latest = await cases.get(scope, input.caseId);
    throw caseVersionConflict(input.version, latest?.version ?? input.version);
  }
  return toCaseView(entry.tenant, updated);
}
