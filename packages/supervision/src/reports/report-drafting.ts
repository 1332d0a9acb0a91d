import type { AttachmentStore } from '@tradepilot/attachments';
import type { EventActor, PlanTask } from '@tradepilot/contracts';
import { isDuplicateKeyError, type EventDraft, type OutboxFields } from '@tradepilot/messaging';
import {
  versionConflict,
  type AuthorizedContext,
  type ServiceDeps,
  auditTrailModel,
  versionedAuditLine,
  type AuditedChange,
  type AuditTrailEntry,
} from '@tradepilot/service-kit';
import type { TenantScope } from '@tradepilot/tenancy';
import { isDeepStrictEqual } from 'node:util';
import { planVersionId, planVersionModel, type PlanVersionDocument } from '../plan-version-model';
import {
  assertPeriodWritable,
  planForPeriod,
  reportContext,
  reports,
  type ReportContext,
} from './report-context';
import { entryOf, entryProblems, mergeEntries, type Problem } from './report-entries';
import { reportErrors } from './report-errors';
import type { ReportEntryInput } from './report-inputs';
import {
  editableReportStatuses,
  type EvidenceRef,
  type ProgressReportDocument,
  type ReportEntry,
} from './report-model';
import { reportView, type ProgressReportView } from './report-view';

export interface ReportDeps {
  deps: ServiceDeps;
  attachments: AttachmentStore;
}

export const auditSubject = 'progress-report';

/** One audit line of a report change (`progress-report:<id>:<version>`), in its own collection. */
export const auditLine = (
  report: { _id: string },
  version: number,
  actor: EventActor,
  at: Date,
  action: string,
  changes: AuditedChange[],
  reason: string | null = null,
): AuditTrailEntry =>
  versionedAuditLine({ type: auditSubject, id: report._id }, version, actor, at, action, changes, reason);

/** The plan the report is measured against: fixed when it was started, else the one for the period. */
export async function planOfReport(
  deps: ServiceDeps,
  context: ReportContext,
): Promise<{ submission: number; tasks: PlanTask[] }> {
  if (!context.report) return planForPeriod(deps, context.scope, context.area, context.period);
  const version = await (await deps.databases.model(context.scope, planVersionModel))
    .findById(planVersionId(context.period.round, context.area.id, context.report.planSubmission))
    .lean<PlanVersionDocument>();
  if (!version) throw reportErrors.noPlanForPeriod(context.area.id, context.period._id);
  return { submission: version.submission, tasks: version.tasks };
}

/** The report of a pilot area for a period; a blank draft (version 0) with its tasks before the first save. */
export async function getReport(
  d: ReportDeps,
  ctx: AuthorizedContext,
  input: { pilotAreaId: string; periodId: string },
): Promise<ProgressReportView> {
  const context = await reportContext(d.deps, ctx, input);
  const plan = await planOfReport(d.deps, context);
  return reportView(context.report, { ...context, pilotAreaId: context.area.id }, plan);
}

export const conflict = (deps: ServiceDeps, expected: number, latest: ProgressReportDocument | null) =>
  versionConflict(
    reportErrors.what,
    expected,
    latest?.version ?? expected + 1,
    latest?.updatedBy ?? '?',
    latest?.updatedAt ?? deps.now(),
  );

/**
 * The conflict of a save that lost the race: the winner holds the claim of the next version and
 * may still be writing, so the answer names its save once it has landed (bounded, 3 s).
 */
export async function lostRace(
  deps: ServiceDeps,
  scope: TenantScope,
  report: { _id: string; version: number },
  expected: number,
): Promise<never> {
  const model = await reports(deps, scope);
  let latest = await model.findById(report._id).lean<ProgressReportDocument>();
  for (let waited = 0; latest && latest.version === report.version && waited < 3_000; waited += 25) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    latest = await model.findById(report._id).lean<ProgressReportDocument>();
  }
  throw conflict(deps, expected, latest);
}

async function linkEvidence(
  d: ReportDeps,
  scope: TenantScope,
  reportId: string,
  current: readonly ReportEntry[],
  entries: readonly ReportEntryInput[],
  uploadedBy: string,
): Promise<Map<string, EvidenceRef[]>> {
  const known = new Map(current.flatMap((e) => e.evidence.map((a) => [a.id, a] as const)));
  const wanted = [...new Set(entries.flatMap((e) => e.attachmentIds ?? []))];
  const added = wanted.filter((id) => !known.has(id));
  const { linked, refused } = await d.attachments.link(
    scope,
    added,
    { kind: 'progress-report', id: reportId },
    uploadedBy,
  );
  if (refused.length > 0) throw reportErrors.attachmentsRefused(refused);
  for (const a of linked)
    known.set(a.id, { id: a.id, filename: a.filename, contentType: a.contentType, size: a.size });
  return new Map(
    entries.map((e) => [e.taskId, (e.attachmentIds ?? []).flatMap((id) => known.get(id) ?? [])]),
  );
}

/** Every problem of the entries against the plan's tasks, each path naming the entry and field. */
export function entriesProblems(tasks: readonly PlanTask[], entries: readonly ReportEntryInput[]): Problem[] {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const seen = new Set<string>();
  return entries.flatMap((entry, i) => {
    const twice = seen.has(entry.taskId);
    seen.add(entry.taskId);
    const problems = entryProblems(byId.get(entry.taskId), entry, (field) => `entries.${i}.${field}`);
    return twice
      ? [
          ...problems,
          {
            path: `entries.${i}.taskId`,
            messages: {
              'zh-CN': `任务 ${entry.taskId} 在本次保存中出现两次`,
              en: `task ${entry.taskId} appears twice in this save`,
            },
          },
        ]
      : problems;
  });
}

/**
 * Writes the entries of a save or an import on the version the editor read (0 starts the report):
 * every problem refused at once before anything is written, evidence linked, the change and its
 * audit line under one version claim.
 */
export async function writeEntries(
  d: ReportDeps,
  ctx: AuthorizedContext,
  context: ReportContext,
  plan: { submission: number; tasks: PlanTask[] },
  version: number,
  inputs: readonly ReportEntryInput[],
  action: 'saved' | 'imported',
): Promise<ProgressReportView> {
  const { deps } = d;
  const { report, period, scope, reportId } = context;
  assertPeriodWritable(period, report, deps.now());
  if ((report?.version ?? 0) !== version) throw conflict(deps, version, report);
  if (report && !editableReportStatuses.includes(report.status))
    throw reportErrors.notEditable(report.status);
  const problems = entriesProblems(plan.tasks, inputs);
  if (problems.length > 0) throw reportErrors.invalidEntries(problems);
  const evidence = await linkEvidence(
    d,
    scope,
    reportId,
    report?.entries ?? [],
    inputs,
    ctx.principal.userId,
  );
  const changed = inputs.map((e) => entryOf(e, evidence.get(e.taskId) ?? []));
  const taskIds = plan.tasks.map((t) => t.id);
  const entries = mergeEntries(taskIds, report?.entries ?? [], changed);
  const changes: AuditedChange[] = changed
    .map((after) => ({ after, before: report?.entries.find((e) => e.taskId === after.taskId) ?? null }))
    .filter(({ before, after }) => !isDeepStrictEqual(before, after))
    .map(({ before, after }) => ({ field: `entries.${after.taskId}`, before, after }));
  const view = (doc: ProgressReportDocument) =>
    reportView(doc, { reportId, pilotAreaId: context.area.id, period }, plan);
  if (report && changes.length === 0) return view(report);
  const now = deps.now();
  const model = await reports(deps, scope);
  const audits = await deps.databases.model(scope, auditTrailModel);
  if (!report) {
    const created = await deps.outbox
      .create<ProgressReportDocument>(
        model,
        { ...newReport(context, plan.submission, ctx.principal.userId, now), taskIds, entries },
        [],
        { tenant: scope.tenant, actor: ctx.actor, now },
      )
      .catch(async (err: unknown) => {
        // someone else started it at the same moment: theirs stands, this save is the stale one
        if (!isDuplicateKeyError(err)) throw err;
        throw conflict(deps, version, await model.findById(reportId).lean<ProgressReportDocument>());
      });
    await audits.create(
      auditLine(created, 1, ctx.actor, now, action === 'saved' ? 'created' : 'imported', changes),
    );
    return view(created);
  }
  const updated = await commitReport(deps, scope, report, ctx.actor, {
    set: { entries, updatedAt: now, updatedBy: ctx.principal.userId },
    events: [],
    audit: { action, changes },
  });
  if (!updated) return lostRace(deps, scope, report, version);
  return view(updated);
}

/** A report as its first write leaves it: a draft on the plan version in force, due with the period. */
export function newReport(
  context: Pick<ReportContext, 'reportId' | 'period' | 'area'>,
  planSubmission: number,
  userId: string,
  now: Date,
): Omit<ProgressReportDocument, keyof OutboxFields> {
  const { period } = context;
  return {
    _id: context.reportId,
    periodId: period._id,
    round: period.round,
    pilotAreaId: context.area.id,
    planSubmission,
    taskIds: [],
    entries: [],
    status: 'draft',
    submission: 0,
    caseId: null,
    returnReason: null,
    due: period.due,
    exception: null,
    firstSubmittedAt: null,
    submittedAt: null,
    acceptedAt: null,
    timeliness: null,
    createdAt: now,
    createdBy: userId,
    updatedAt: now,
    updatedBy: userId,
  };
}

export interface ReportChange {
  set: Partial<ProgressReportDocument>;
  events: EventDraft[];
  audit: { action: string; changes: AuditedChange[]; reason?: string | null };
}

/** One change of a report with its events and audit line, under the version claim; null on a lost race. */
export async function commitReport(
  deps: ServiceDeps,
  scope: TenantScope,
  report: ProgressReportDocument,
  actor: EventActor,
  change: ReportChange,
  options: { causationId?: string | null; eventActor?: EventActor } = {},
): Promise<ProgressReportDocument | null> {
  const now = deps.now();
  const audits = await deps.databases.model(scope, auditTrailModel);
  return deps.outbox.commit(
    await reports(deps, scope),
    report,
    { $set: { ...change.set, updatedAt: now } },
    change.events,
    {
      tenant: scope.tenant,
      actor: options.eventActor ?? actor,
      now,
      causationId: options.causationId ?? null,
    },
    [
      {
        model: audits,
        document: {
          ...auditLine(
            report,
            report.version + 1,
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

/** A version-conditional save of the pilot area's draft (or of a returned report). */
export async function saveReport(
  d: ReportDeps,
  ctx: AuthorizedContext,
  input: { pilotAreaId: string; periodId: string; version: number; entries: ReportEntryInput[] },
): Promise<ProgressReportView> {
  const context = await reportContext(d.deps, ctx, input);
  const plan = await planOfReport(d.deps, context);
  return writeEntries(d, ctx, context, plan, input.version, input.entries, 'saved');
}
