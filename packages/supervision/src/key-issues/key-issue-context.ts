import type { EventActor, IssueHolder } from '@tradepilot/contracts';
import { findCurrentOrSettled, type EventDraft } from '@tradepilot/messaging';
import {
  requireProvince,
  versionConflict,
  type AuthorizedContext,
  type ServiceDeps,
  auditTrailModel,
  versionedAuditLine,
  type AuditedChange,
  type AuditTrailEntry,
} from '@tradepilot/service-kit';
import { nationalScope, tenantScope, type TenantScope } from '@tradepilot/tenancy';
import { keyIssueErrors } from './key-issue-errors';
import { keyIssueIndexModel, type KeyIssueIndexRow } from './key-issue-index-model';
import { keyIssueModel, type KeyIssueDocument } from './key-issue-model';
import { issueChain, keyIssueRouting, type ChainHop } from './key-issue-routing';
import type { IssueCaller } from './key-issue-transitions';
import { resolvedKeyIssues } from './resolved-key-issues';

export const keyIssueAuditSubject = 'key-issue';

export const keyIssues = (deps: ServiceDeps, scope: TenantScope) =>
  deps.databases.model(scope, keyIssueModel);

/** An issue found by id, and whether it came from the resolved ones (`resolved_key_issues`). */
export interface FoundKeyIssue {
  scope: TenantScope;
  issue: KeyIssueDocument;
  settled: boolean;
}

/** An issue by id, current or resolved (two reads by `_id`); null when in neither. */
export async function keyIssueById(
  deps: ServiceDeps,
  scope: TenantScope,
  keyIssueId: string,
): Promise<FoundKeyIssue | null> {
  const found = await findCurrentOrSettled<KeyIssueDocument>(
    deps.databases,
    scope,
    resolvedKeyIssues,
    keyIssueId,
  );
  return found ? { scope, issue: found.document, settled: found.settled } : null;
}

/** The chain of holders of an issue, from the routing data, its area's government and its departments. */
export function chainOf(
  deps: ServiceDeps,
  issue: Pick<KeyIssueDocument, 'pilotAreaId' | 'departmentIds'>,
  departmentIds: string[] = issue.departmentIds,
): ChainHop[] {
  const area = deps.registry.pilotArea(issue.pilotAreaId);
  if (!area) throw new Error(`unknown pilot area ${issue.pilotAreaId}`);
  return issueChain(keyIssueRouting(), {
    province: area.province,
    dualRoleGovernment: area.dualRoleProvince,
    departmentIds,
  });
}

/**
 * Whom a provincial caller speaks for: their pilot area, their province, or both (the one officer
 * of a government that is both).
 */
export function provinceCallers(ctx: AuthorizedContext): IssueCaller[] {
  const { roles, organisationId, tenant } = ctx.principal;
  const callers: IssueCaller[] = [];
  if (roles.includes('pilot-area-officer') && organisationId)
    callers.push({ level: 'pilot-area', organisationId });
  if (roles.includes('province-officer') && tenant)
    callers.push({ level: 'province', organisationId: tenant });
  return callers;
}

export const ministryCallers = (ctx: AuthorizedContext): IssueCaller[] => [
  { level: 'ministry', organisationId: ctx.principal.organisationId ?? 'mofcom' },
];

export const departmentCallers = (ctx: AuthorizedContext): IssueCaller[] =>
  ctx.principal.organisationId ? [{ level: 'department', organisationId: ctx.principal.organisationId }] : [];

/**
 * An issue of the caller's province: a province officer sees every issue of the province, a
 * pilot-area officer only their area's; anything else is not found.
 */
export async function provinceIssue(
  deps: ServiceDeps,
  ctx: AuthorizedContext,
  keyIssueId: string,
): Promise<FoundKeyIssue> {
  const found = await keyIssueById(deps, requireProvince(ctx), keyIssueId);
  const { roles, organisationId } = ctx.principal;
  const visible =
    found !== null && (roles.includes('province-officer') || found.issue.pilotAreaId === organisationId);
  if (!found || !visible) throw keyIssueErrors.notFound(keyIssueId);
  return found;
}

/**
 * An issue found through the national index (the ministry: any; a department: only one routed to
 * it at some point), read from its province's database (resolved ones too: the full index by id).
 */
export async function nationalIssue(
  deps: ServiceDeps,
  keyIssueId: string,
  visible: (row: KeyIssueIndexRow) => boolean,
): Promise<FoundKeyIssue> {
  const row = await (await deps.databases.model(nationalScope, keyIssueIndexModel))
    .findById(keyIssueId)
    .lean<KeyIssueIndexRow>();
  if (!row || !visible(row)) throw keyIssueErrors.notFound(keyIssueId);
  const found = await keyIssueById(deps, tenantScope(row.province), keyIssueId);
  if (!found) throw keyIssueErrors.notFound(keyIssueId);
  return found;
}

export const departmentSees = (organisationId: string | null) => (row: KeyIssueIndexRow) =>
  organisationId !== null && row.departmentsReached.includes(organisationId);

export const conflict = (deps: ServiceDeps, expected: number, latest: KeyIssueDocument | null) =>
  versionConflict(
    keyIssueErrors.what,
    expected,
    latest?.version ?? expected + 1,
    latest?.updatedBy ?? '?',
    latest?.updatedAt ?? deps.now(),
  );

export const auditLine = (
  issueId: string,
  version: number,
  actor: EventActor,
  at: Date,
  action: string,
  changes: AuditedChange[],
  reason: string | null = null,
): AuditTrailEntry =>
  versionedAuditLine(
    { type: keyIssueAuditSubject, id: issueId },
    version,
    actor,
    at,
    action,
    changes,
    reason,
  );

export interface KeyIssueChange {
  set: Partial<KeyIssueDocument>;
  events: EventDraft[];
  audit: { action: string; changes: AuditedChange[]; reason?: string | null };
}

/** One change of an issue with its events and audit line, under the version claim; null on a lost race. */
export async function commitIssue(
  deps: ServiceDeps,
  scope: TenantScope,
  issue: KeyIssueDocument,
  actor: EventActor,
  change: KeyIssueChange,
): Promise<KeyIssueDocument | null> {
  const now = deps.now();
  return deps.outbox.commit(
    await keyIssues(deps, scope),
    issue,
    { $set: { ...change.set, updatedAt: now, updatedBy: actor.userId } },
    change.events,
    { tenant: scope.tenant, actor, now },
    [
      {
        model: await deps.databases.model(scope, auditTrailModel),
        document: {
          ...auditLine(
            issue._id,
            issue.version + 1,
            actor,
            now,
            change.audit.action,
            change.audit.changes,
            change.audit.reason ?? null,
          ),
        },
      },
    ],
  );
}

export const holderChange = (before: IssueHolder, after: IssueHolder): AuditedChange => ({
  field: 'holder',
  before,
  after,
});
