import {
  issueAnsweredV1,
  issueRaisedV1,
  issueReopenedV1,
  issueResolvedV1,
  issueRoutedV1,
  type EventActor,
  type IssueHolder,
} from '@tradepilot/contracts';
import { eventDraft, restoreSettled } from '@tradepilot/messaging';
import { type AuthorizedContext, type ServiceDeps, auditTrailModel } from '@tradepilot/service-kit';
import type { TenantScope } from '@tradepilot/tenancy';
import { randomUUID } from 'node:crypto';
import { pilotAreaForCaller } from '../pilot-area-access';
import { planVersionId, planVersionModel, type PlanVersionDocument } from '../plan-version-model';
import { reportingCalendar } from '../reporting-calendar';
import { noPlanInForce } from '../supervision-errors';
import { supervisedPlanId, supervisedPlanModel, type SupervisedPlanDocument } from '../supervised-plan-model';
import {
  auditLine,
  chainOf,
  commitIssue,
  conflict,
  holderChange,
  keyIssueById,
  keyIssues,
  provinceCallers,
  type FoundKeyIssue,
  type KeyIssueChange,
} from './key-issue-context';
import { keyIssueErrors } from './key-issue-errors';
import type { KeyIssueRaiseInput } from './key-issue-inputs';
import type { KeyIssueDocument } from './key-issue-model';
import { hopAbove, keyIssueRouting, slaDueAt, type ChainHop } from './key-issue-routing';
import { refusalOf, type IssueCaller, type KeyIssueAction, type Refusal } from './key-issue-transitions';
import { keyIssueView, type KeyIssueView } from './key-issue-view';
import { resolvedKeyIssues } from './resolved-key-issues';

const unique = (ids: readonly string[]) => [...new Set(ids)];

/** The plan version in force of the area in the round: what an issue may link to. */
async function planInForce(
  deps: ServiceDeps,
  scope: TenantScope,
  pilotAreaId: string,
  round: number,
): Promise<PlanVersionDocument> {
  const plan = await (await deps.databases.model(scope, supervisedPlanModel))
    .findById(supervisedPlanId(round, pilotAreaId))
    .lean<SupervisedPlanDocument>();
  const version = plan
    ? await (await deps.databases.model(scope, planVersionModel))
        .findById(planVersionId(round, pilotAreaId, plan.inForceSubmission))
        .lean<PlanVersionDocument>()
    : null;
  if (!version) throw noPlanInForce(pilotAreaId, round);
  return version;
}

/** The departments the catalog names for the measures the issue links, directly or through its tasks. */
export function departmentsFor(
  version: PlanVersionDocument,
  taskIds: string[],
  measureIds: string[],
): string[] {
  const measures = new Set([
    ...measureIds,
    ...version.tasks.filter((t) => taskIds.includes(t.id)).flatMap((t) => t.measureIds),
  ]);
  return unique(
    (version.measureDepartments ?? [])
      .filter((m) => measures.has(m.measureId))
      .flatMap((m) => m.departmentIds),
  ).sort();
}

/**
 * A pilot area (or its province, for one of its areas) raises a key issue linked to tasks of the
 * plan in force and/or the measures they map to. It goes to the first holder above the raiser
 * on the issue's chain, whose SLA starts now.
 */
export async function raiseKeyIssue(
  deps: ServiceDeps,
  ctx: AuthorizedContext,
  input: KeyIssueRaiseInput,
): Promise<KeyIssueView> {
  const { scope, area, round } = pilotAreaForCaller(deps, ctx, input.pilotAreaId, input.round);
  const { roles, organisationId, userId } = ctx.principal;
  const raisedBy: IssueHolder | null =
    roles.includes('pilot-area-officer') && organisationId === area.id
      ? { level: 'pilot-area', organisationIds: [area.id] }
      : roles.includes('province-officer')
        ? { level: 'province', organisationIds: [scope.tenant] }
        : null;
  if (!raisedBy) throw keyIssueErrors.raiseNotAllowed();
  const taskIds = unique(input.taskIds);
  const measureIds = unique(input.measureIds);
  if (taskIds.length === 0 && measureIds.length === 0) throw keyIssueErrors.linksRequired();
  const version = await planInForce(deps, scope, area.id, round);
  const unknownTasks = taskIds.filter((id) => !version.tasks.some((t) => t.id === id));
  if (unknownTasks.length > 0) throw keyIssueErrors.unknownTasks(unknownTasks, version.submission);
  const unknownMeasures = measureIds.filter((id) => !version.measureIds.includes(id));
  if (unknownMeasures.length > 0) throw keyIssueErrors.unknownMeasures(unknownMeasures);

  const departmentIds = departmentsFor(version, taskIds, measureIds);
  const chain = chainOf(deps, { pilotAreaId: area.id, departmentIds });
  const first = hopAbove(chain, raisedBy.level);
  if (!first) throw keyIssueErrors.raiseNotAllowed();
  const now = deps.now();
  const due = slaDueAt(reportingCalendar(), now, first.slaWorkingDays);
  const id = randomUUID();
  const document: Omit<KeyIssueDocument, 'version' | 'lastSequence' | 'outbox' | 'relayLeaseUntil'> = {
    _id: id,
    round,
    pilotAreaId: area.id,
    category: input.category,
    title: input.title,
    description: input.description,
    taskIds,
    measureIds,
    departmentIds,
    raisedBy,
    raisedByUser: userId,
    raisedAt: now,
    status: 'open',
    holder: first.holder,
    hop: 0,
    heldSince: now,
    slaDueAt: due,
    flagged: false,
    answer: null,
    answeredBy: null,
    resolution: null,
    resolvedBy: null,
    resolvedAt: null,
    reopenReason: null,
    reopened: 0,
    createdAt: now,
    updatedAt: now,
    updatedBy: userId,
  };
  const created = await deps.outbox.create<KeyIssueDocument>(
    await keyIssues(deps, scope),
    document,
    [
      eventDraft(issueRaisedV1, {
        issueId: id,
        round,
        pilotAreaId: area.id,
        raisedBy,
        category: input.category,
        title: input.title,
        taskIds,
        measureIds,
        holder: first.holder,
        dueAt: due.toISOString(),
        raisedAt: now.toISOString(),
      }),
    ],
    { tenant: scope.tenant, actor: ctx.actor, now },
  );
  await (
    await deps.databases.model(scope, auditTrailModel)
  ).create(
    auditLine(id, 1, ctx.actor, now, 'raised', [
      { field: 'status', before: null, after: 'open' },
      { field: 'holder', before: null, after: first.holder },
    ]),
  );
  return keyIssueView(created, scope.tenant, chain, provinceCallers(ctx), now);
}

export interface ActionInput {
  version: number;
  /** the answer, resolution or reason */
  text: string;
  /** the ministry names the departments itself (else those of the linked measures) */
  departmentIds?: string[] | undefined;
}

/** The first of the caller's identities allowed to act, or the refusal to report. */
function actingAs(
  issue: KeyIssueDocument,
  callers: IssueCaller[],
  action: KeyIssueAction,
  hasLevelAbove: boolean,
): IssueCaller {
  let first: Refusal | null = null;
  for (const caller of callers) {
    const refusal = refusalOf(issue, caller, action, hasLevelAbove);
    if (!refusal) return caller;
    first ??= refusal;
  }
  throw keyIssueErrors.refused(action, first ?? { kind: 'not-holder' }, issue.status, issue.holder.level);
}

function changeFor(
  issue: KeyIssueDocument,
  action: KeyIssueAction,
  input: ActionInput,
  chain: ChainHop[],
  departmentIds: string[],
  now: Date,
): KeyIssueChange {
  const common = { issueId: issue._id, pilotAreaId: issue.pilotAreaId };
  const calendar = reportingCalendar();
  switch (action) {
    case 'answer':
      return {
        set: { status: 'answered', answer: input.text, answeredBy: issue.holder, slaDueAt: null },
        events: [
          eventDraft(issueAnsweredV1, {
            ...common,
            answeredBy: issue.holder,
            answer: input.text,
            answeredAt: now.toISOString(),
          }),
        ],
        audit: {
          action: 'answered',
          changes: [
            { field: 'status', before: issue.status, after: 'answered' },
            { field: 'answer', before: issue.answer, after: input.text },
          ],
        },
      };
    case 'resolve':
      return {
        set: {
          status: 'resolved',
          resolution: input.text,
          resolvedBy: issue.holder,
          resolvedAt: now,
          slaDueAt: null,
        },
        events: [
          eventDraft(issueResolvedV1, {
            ...common,
            resolvedBy: issue.holder,
            resolution: input.text,
            resolvedAt: now.toISOString(),
          }),
        ],
        audit: {
          action: 'resolved',
          changes: [
            { field: 'status', before: issue.status, after: 'resolved' },
            { field: 'resolution', before: issue.resolution, after: input.text },
          ],
        },
      };
    case 'passUp': {
      const next = hopAbove(chain, issue.holder.level) as ChainHop;
      const due = slaDueAt(calendar, now, next.slaWorkingDays);
      return {
        set: {
          status: 'open',
          holder: next.holder,
          hop: issue.hop + 1,
          heldSince: now,
          slaDueAt: due,
          departmentIds,
        },
        events: [
          eventDraft(issueRoutedV1, {
            ...common,
            from: issue.holder,
            to: next.holder,
            reason: input.text,
            dueAt: due.toISOString(),
            routedAt: now.toISOString(),
          }),
        ],
        audit: {
          action: 'passed-up',
          changes: [
            holderChange(issue.holder, next.holder),
            ...(issue.status === 'open' ? [] : [{ field: 'status', before: issue.status, after: 'open' }]),
          ],
          reason: input.text,
        },
      };
    }
    case 'reopen': {
      // back to whoever resolved it, with that level's SLA
      const holder = issue.resolvedBy ?? issue.holder;
      const level = keyIssueRouting().levels.find((l) => l.level === holder.level);
      const due = slaDueAt(calendar, now, level?.slaWorkingDays ?? 5);
      return {
        set: {
          status: 'open',
          holder,
          hop: issue.hop + 1,
          heldSince: now,
          slaDueAt: due,
          flagged: false,
          reopened: issue.reopened + 1,
          reopenReason: input.text,
        },
        events: [
          eventDraft(issueReopenedV1, {
            ...common,
            reason: input.text,
            holder,
            dueAt: due.toISOString(),
            reopenedAt: now.toISOString(),
          }),
        ],
        audit: {
          action: 'reopened',
          changes: [
            { field: 'status', before: issue.status, after: 'open' },
            { field: 'reopened', before: issue.reopened, after: issue.reopened + 1 },
          ],
          reason: input.text,
        },
      };
    }
  }
}

/** A reopen can meet a move taking its issue back to the resolved ones: it restores it once more. */
const attempts = 2;

/**
 * A holder answers, resolves or passes up an issue, or the originator reopens its resolution:
 * validated against who may do what in which state, on the version the caller read, one write
 * with its event and audit line. A resolved issue is refused by the same rules wherever it is;
 * the one action they allow it, a reopen, moves it back to the current issues first.
 */
export async function actOnKeyIssue(
  deps: ServiceDeps,
  found: FoundKeyIssue,
  callers: IssueCaller[],
  actor: EventActor,
  action: KeyIssueAction,
  input: ActionInput,
): Promise<KeyIssueView> {
  const { scope } = found;
  let { issue, settled } = found;
  if (input.departmentIds) {
    const unknown = input.departmentIds.filter((d) => !deps.registry.department(d));
    if (unknown.length > 0) throw keyIssueErrors.unknownDepartments(unknown);
  }
  const departmentIds = input.departmentIds ? unique(input.departmentIds).sort() : issue.departmentIds;
  for (let attempt = 1; ; attempt += 1) {
    const chain = chainOf(deps, issue, departmentIds);
    actingAs(issue, callers, action, hopAbove(chain, issue.holder.level) !== null);
    if (issue.version !== input.version) throw conflict(deps, input.version, issue);
    // the change is written where the relay publishes its event
    if (settled) await restoreSettled(deps.databases, scope, resolvedKeyIssues, issue._id);
    const now = deps.now();
    const updated = await commitIssue(
      deps,
      scope,
      issue,
      actor,
      changeFor(issue, action, input, chain, departmentIds, now),
    );
    if (updated) return keyIssueView(updated, scope.tenant, chainOf(deps, updated), callers, now);
    const latest = await keyIssueById(deps, scope, issue._id);
    // unchanged, only moved back by a move that ran at the same moment
    if (latest?.settled && latest.issue.version === issue.version && attempt < attempts) {
      ({ issue, settled } = latest);
      continue;
    }
    throw conflict(deps, input.version, latest?.issue ?? null);
  }
}
