import { approvalDelegationSetV1 } from '@tradepilot/contracts';
import { eventDraft } from '@tradepilot/messaging';
import {
  badInput,
  forbidden,
  invalidState,
  type AuthorizedContext,
  type ServiceDeps,
} from '@tradepilot/service-kit';
import { trusted } from '@tradepilot/tenancy';
import { randomUUID } from 'node:crypto';
import type { ApprovalsRepository } from './approvals-repository';
import { approverRoles, homeScope } from './case-access';
import type { DelegationDocument } from './delegation-model';
import { addCalendarDays, localDate } from '@tradepilot/timers';

const maxWindowDays = 180;

export interface DelegationView {
  id: string;
  delegatorUserId: string;
  delegateUserId: string;
  role: string;
  organisationId: string;
  from: string;
  until: string;
  reason: string | null;
  activeToday: boolean;
}

const toView = (d: DelegationDocument, today: string): DelegationView => ({
  id: d._id,
  delegatorUserId: d.delegatorUserId,
  delegateUserId: d.delegateUserId,
  role: d.role,
  organisationId: d.organisationId,
  from: d.from,
  until: d.until,
  reason: d.reason,
  activeToday: d.from <= today && today <= d.until,
});

/**
 * An officer delegates their approvals (in the role they act in) to a colleague for a window of
 * days. The delegate acts only while the window runs and only as a member of the same
 * organisation (checked on every use from the delegate's own token); each of their decisions is
 * recorded as "delegate acting for delegator".
 */
export async function setDelegation(
  deps: ServiceDeps,
  repository: ApprovalsRepository,
  ctx: AuthorizedContext,
  input: { delegateUserId: string; from: string; until: string; reason?: string | undefined },
): Promise<DelegationView> {
  const { principal, actingRole } = ctx;
  const now = deps.now();
  const today = localDate(now);
  if (!approverRoles.includes(actingRole) || !principal.organisationId) {
    throw forbidden(
      { 'zh-CN': '您没有可委托的审批职责', en: 'You hold no approvals to delegate' },
      'NOTHING_TO_DELEGATE',
    );
  }
  if (input.delegateUserId === principal.userId) {
    throw badInput({ 'zh-CN': '不能委托给本人', en: 'You cannot delegate to yourself' }, 'DELEGATE_IS_SELF', {
      field: 'delegateUserId',
    });
  }
  if (input.until < input.from) {
    throw badInput(
      { 'zh-CN': '结束日期不能早于开始日期', en: 'The window must not end before it starts' },
      'DELEGATION_WINDOW_INVALID',
      { field: 'until' },
    );
  }
  if (input.until < today) {
    throw badInput({ 'zh-CN': '委托期限已过', en: 'The window is already over' }, 'DELEGATION_WINDOW_PAST', {
      field: 'until',
    });
  }
  if (addCalendarDays(input.from, maxWindowDays) < input.until) {
    throw badInput(
      {
        'zh-CN': `委托期限不得超过 ${maxWindowDays} 天`,
        en: `A window may last at most ${maxWindowDays} days`,
      },
      'DELEGATION_WINDOW_TOO_LONG',
      { field: 'until' },
    );
  }
  const scope = homeScope(ctx);
  const delegations = await repository.delegations(scope);
  const overlapping = await delegations
    .findOne({
      delegatorUserId: principal.userId,
      role: actingRole,
      from: trusted({ $lte: input.until }),
      until: trusted({ $gte: input.from }),
    } as never)
    .lean();
  if (overlapping) {
    throw invalidState(
      {
        'zh-CN': `该期间已委托给 ${overlapping.delegateUserId}（${overlapping.from} 至 ${overlapping.until}）`,
        en: `You already delegated to ${overlapping.delegateUserId} for ${overlapping.from} to ${overlapping.until}`,
      },
      'DELEGATION_OVERLAPS',
      { delegationId: overlapping._id },
    );
  }
  const id = randomUUID();
  const reason = input.reason?.trim() || null;
  const created = await deps.outbox.create(
    delegations,
    {
      _id: id,
      delegatorUserId: principal.userId,
      delegateUserId: input.delegateUserId,
      role: actingRole,
      organisationId: principal.organisationId,
      from: input.from,
      until: input.until,
      reason,
      createdAt: now,
    },
    [
      eventDraft(approvalDelegationSetV1, {
        delegationId: id,
        delegatorUserId: principal.userId,
        delegateUserId: input.delegateUserId,
        role: actingRole,
        organisationId: principal.organisationId,
        from: input.from,
        until: input.until,
        reason,
      }),
    ],
    { tenant: scope.tenant, actor: ctx.actor, now },
  );
  return toView(created, today);
}

/** The caller's delegations, given and received, newest first. */
export async function listDelegations(
  deps: ServiceDeps,
  repository: ApprovalsRepository,
  ctx: AuthorizedContext,
) {
  const delegations = await repository.delegations(homeScope(ctx));
  const today = localDate(deps.now());
  const [given, received] = await Promise.all([
    delegations.find({ delegatorUserId: ctx.principal.userId }).sort({ from: -1 }).limit(100).lean(),
    delegations
      .find({ delegateUserId: ctx.principal.userId, organisationId: ctx.principal.organisationId ?? '' })
      .sort({ from: -1 })
      .limit(100)
      .lean(),
  ]);
  return { given: given.map((d) => toView(d, today)), received: received.map((d) => toView(d, today)) };
}
