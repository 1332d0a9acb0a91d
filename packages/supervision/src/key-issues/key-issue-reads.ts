import {
  requireProvince,
  type AuthorizedContext,
  type ServiceDeps,
  auditTrailModel,
  versionedAuditLines,
} from '@tradepilot/service-kit';
import { nationalScope, stampedReads, type TenantScope } from '@tradepilot/tenancy';
import { ownPilotArea } from '../pilot-area-access';
import { chainOf, keyIssueAuditSubject } from './key-issue-context';
import { countIssues, type KeyIssueCounts } from './key-issue-counts';
import { keyIssueIndexModel, keyIssueIndexStamp, type KeyIssueIndexRow } from './key-issue-index-model';
import { keyIssueModel, type KeyIssueDocument, type KeyIssueStatus } from './key-issue-model';
import { ageInDays } from './key-issue-routing';
import { keyIssueView, type KeyIssueView } from './key-issue-view';
import { openKeyIssueIndexModel } from './open-key-issue-index-model';
import { resolvedKeyIssues } from './resolved-key-issues';

/** An issue as the caller sees it, with what they may do now. */
export const viewFor = (
  deps: ServiceDeps,
  scope: TenantScope,
  issue: KeyIssueDocument,
  callers: Parameters<typeof keyIssueView>[3],
): KeyIssueView => keyIssueView(issue, scope.tenant, chainOf(deps, issue), callers, deps.now());

/** Statuses whose issues are all in `key_issues`: a list of them never reads the resolved ones. */
const currentOnly: readonly KeyIssueStatus[] = ['open', 'answered'];

/**
 * Issues of `filter` current and, when `withResolved`, resolved (a read of history), newest first;
 * `select` keeps `version` and `raisedAt`.
 */
async function findKeyIssues(
  deps: ServiceDeps,
  scope: TenantScope,
  query: { filter: Record<string, unknown>; select: Record<string, 0 | 1>; limit?: number },
  withResolved: boolean,
): Promise<KeyIssueDocument[]> {
  const models = [keyIssueModel, ...(withResolved ? [resolvedKeyIssues.to] : [])];
  const found = await Promise.all(
    models.map(async (definition) => {
      const read = (await deps.databases.model(scope, definition))
        .find(query.filter as never)
        .select(query.select)
        .sort({ raisedAt: -1 });
      return (query.limit ? read.limit(query.limit) : read).lean<KeyIssueDocument[]>();
    }),
  );
  // an issue met in both (a move or a restore under way) counts once, as its latest version
  const latest = new Map<string, KeyIssueDocument>();
  for (const issue of found.flat()) {
    const seen = latest.get(issue._id);
    if (!seen || seen.version < issue.version) latest.set(issue._id, issue);
  }
  const issues = [...latest.values()].sort((a, b) => b.raisedAt.getTime() - a.raisedAt.getTime());
  return query.limit ? issues.slice(0, query.limit) : issues;
}

/**
 * The issues of the caller's province (a pilot-area officer: their area's), newest first: open or
 * answered ones from the current issues only, resolved ones (or every status) from both.
 */
export async function listKeyIssues(
  deps: ServiceDeps,
  ctx: AuthorizedContext,
  input: {
    status?: KeyIssueStatus | undefined;
    pilotAreaId?: string | undefined;
    round?: number | undefined;
  },
) {
  const scope = requireProvince(ctx);
  const own = ownPilotArea(ctx);
  const filter: Record<string, string | number> = {};
  if (input.status) filter['status'] = input.status;
  if (input.round) filter['round'] = input.round;
  if (input.pilotAreaId) filter['pilotAreaId'] = input.pilotAreaId;
  if (own !== undefined) {
    // a pilot-area officer asking for another area gets an empty list, never another area's issues
    if (input.pilotAreaId && input.pilotAreaId !== own) return [];
    filter['pilotAreaId'] = own;
  }
  const now = deps.now();
  const found = await findKeyIssues(
    deps,
    scope,
    { filter, select: { description: 0, outbox: 0 }, limit: 500 },
    !(input.status && currentOnly.includes(input.status)),
  );
  return found.map((i) => ({
    keyIssueId: i._id,
    version: i.version,
    round: i.round,
    pilotAreaId: i.pilotAreaId,
    category: i.category,
    title: i.title,
    status: i.status,
    holder: i.holder,
    slaDueAt: i.slaDueAt?.toISOString() ?? null,
    flagged: i.flagged,
    raisedAt: i.raisedAt.toISOString(),
    ageDays: ageInDays(i.raisedAt, now),
  }));
}

/** Every change of an issue, oldest first: who, what, when, why. */
export async function keyIssueAudit(
  deps: ServiceDeps,
  scope: TenantScope,
  issue: Pick<KeyIssueDocument, '_id' | 'version'>,
) {
  const lines = await versionedAuditLines(
    await deps.databases.model(scope, auditTrailModel),
    { type: keyIssueAuditSubject, id: issue._id },
    issue.version,
  );
  return lines.map((l) => ({
    version: l.version,
    action: l.action,
    at: l.at.toISOString(),
    userId: l.userId,
    role: l.role,
    organisationId: l.organisationId,
    changes: l.changes,
    reason: l.reason,
  }));
}

/**
 * The province's counts by category, status, holder and age, and per pilot area (its own database,
 * resolved issues too).
 */
export async function provinceCounts(
  deps: ServiceDeps,
  ctx: AuthorizedContext,
  input: { round?: number | undefined },
): Promise<{
  round: number;
  province: string;
  totals: KeyIssueCounts;
  byPilotArea: Record<string, KeyIssueCounts>;
}> {
  const scope = requireProvince(ctx);
  const round = input.round ?? deps.registry.latestRound();
  const own = ownPilotArea(ctx);
  const found = await findKeyIssues(
    deps,
    scope,
    {
      filter: own ? { round, pilotAreaId: own } : { round },
      select: {
        category: 1,
        status: 1,
        holder: 1,
        raisedAt: 1,
        slaDueAt: 1,
        flagged: 1,
        pilotAreaId: 1,
        version: 1,
      },
    },
    true,
  );
  const now = deps.now();
  const counted = found.map((i) => ({ ...i, holderLevel: i.holder.level }));
  const areas = [...new Set(counted.map((i) => i.pilotAreaId))].sort();
  return {
    round,
    province: scope.tenant,
    totals: countIssues(counted, now),
    byPilotArea: Object.fromEntries(
      areas.map((a) => [
        a,
        countIssues(
          counted.filter((i) => i.pilotAreaId === a),
          now,
        ),
      ]),
    ),
  };
}

/**
 * The rows of an inbox (ministry or department): what the caller holds now from the open index
 * (unresolved issues only), everything ever routed to them from the full one.
 */
export async function inbox(deps: ServiceDeps, held: 'now' | 'ever', filter: Record<string, unknown>) {
  const now = deps.now();
  const rows = await (
    await deps.databases.model(nationalScope, held === 'now' ? openKeyIssueIndexModel : keyIssueIndexModel)
  )
    .find(filter)
    .sort({ raisedAt: -1 })
    .limit(1000)
    .lean<KeyIssueIndexRow[]>();
  return rows.map((r) => ({
    keyIssueId: r._id,
    province: r.province,
    round: r.round,
    pilotAreaId: r.pilotAreaId,
    category: r.category,
    title: r.title,
    status: r.status,
    holder: { level: r.holderLevel, organisationIds: r.holderOrganisationIds },
    slaDueAt: r.slaDueAt?.toISOString() ?? null,
    flagged: r.flagged,
    raisedAt: r.raisedAt.toISOString(),
    ageDays: ageInDays(r.raisedAt, now),
  }));
}

/** National counts per province and in total, from `supervision_national` only. */
export async function nationalCounts(
  deps: ServiceDeps,
  input: { round?: number | undefined },
): Promise<{ round: number; totals: KeyIssueCounts; byProvince: Record<string, KeyIssueCounts> }> {
  const round = input.round ?? deps.registry.latestRound();
  // the rows are kept while the index is unchanged; what is overdue is counted at every call
  const rows = await stampedReads(deps.databases).read(
    keyIssueIndexStamp,
    `key-issue-index:${round}`,
    async () =>
      (await deps.databases.model(nationalScope, keyIssueIndexModel))
        .find({ round })
        .select({ title: 0 })
        .lean<KeyIssueIndexRow[]>(),
  );
  const now = deps.now();
  const provinces = [...new Set(rows.map((r) => r.province))].sort();
  return {
    round,
    totals: countIssues(rows, now),
    byProvince: Object.fromEntries(
      provinces.map((p) => [
        p,
        countIssues(
          rows.filter((r) => r.province === p),
          now,
        ),
      ]),
    ),
  };
}

/** The open key issues of the national overview: unresolved and overdue, from the national index. */
export async function openKeyIssuesSummary(deps: ServiceDeps, round: number) {
  const { totals } = await nationalCounts(deps, { round });
  return { open: totals.open, overdue: totals.overdue, byHolder: totals.byHolder };
}
