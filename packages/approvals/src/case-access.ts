import type { Role } from '@tradepilot/contracts';
import type { AuthorizedContext } from '@tradepilot/service-kit';
import { nationalScope, tenantScope, trusted, type TenantScope } from '@tradepilot/tenancy';
import type { ApprovalCaseDocument } from './approval-case-model';
import type { ApprovalsRepository } from './approvals-repository';
import type { Capacity } from './case-chain';
import { caseNotFound } from './case-errors';
import { localDate } from '@tradepilot/timers';

/** Roles that hold steps of a chain. */
export const approverRoles: readonly Role[] = ['ministry-officer', 'department-liaison', 'province-officer'];

/** Where the caller's own data (delegations) lives: their province, or the national database. */
export const homeScope = (ctx: AuthorizedContext): TenantScope =>
  ctx.principal.tenant ? tenantScope(ctx.principal.tenant) : nationalScope;

/**
 * What the caller may approve as: each approver role they hold in their organisation, then the
 * capacities delegated to them for today by colleagues of the same organisation.
 */
export async function capacitiesOf(
  repository: ApprovalsRepository,
  ctx: AuthorizedContext,
  now: Date,
): Promise<Capacity[]> {
  const { organisationId, roles, userId } = ctx.principal;
  if (!organisationId) return [];
  const own: Capacity[] = roles
    .filter((r) => approverRoles.includes(r))
    .map((role) => ({ approver: { role, organisationId }, actingForUserId: null }));
  const today = localDate(now);
  const delegations = await (
    await repository.delegations(homeScope(ctx))
  )
    .find({
      delegateUserId: userId,
      organisationId,
      from: trusted({ $lte: today }),
      until: trusted({ $gte: today }),
    } as never)
    .sort({ createdAt: 1 })
    .lean();
  const delegated: Capacity[] = delegations.map((d) => ({
    approver: { role: d.role, organisationId: d.organisationId },
    actingForUserId: d.delegatorUserId,
  }));
  return [...own, ...delegated];
}

const holds = (c: ApprovalCaseDocument, capacities: Capacity[]) =>
  c.steps.some((s) =>
    capacities.some(
      (k) => k.approver.role === s.approver.role && k.approver.organisationId === s.approver.organisationId,
    ),
  );

/**
 * The case as this caller may see it, or NOT_FOUND (never "forbidden": another province's case
 * does not exist for them). A province's users look only in their own province's database; the
 * ministry sees every case; others see the cases they hold (or held) a step of.
 */
export async function locateCase(
  repository: ApprovalsRepository,
  ctx: AuthorizedContext,
  caseId: string,
  capacities: Capacity[],
): Promise<{ tenant: string; found: ApprovalCaseDocument }> {
  const { principal } = ctx;
  if (principal.tenant) {
    const found = await repository.getCase(tenantScope(principal.tenant), caseId);
    const visible =
      found &&
      (principal.roles.includes('province-officer') ||
        found.originatorOrganisationId === principal.organisationId ||
        holds(found, capacities));
    if (!found || !visible) throw caseNotFound(caseId);
    return { tenant: principal.tenant, found };
  }
  const entry = await repository.indexEntry(caseId);
  const found = entry && (await repository.getCase(tenantScope(entry.tenant), caseId));
  if (!entry || !found) throw caseNotFound(caseId);
  if (!principal.roles.includes('ministry-officer') && !holds(found, capacities)) throw caseNotFound(caseId);
  return { tenant: entry.tenant, found };
}
