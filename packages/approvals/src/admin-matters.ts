import {
  approvalApplicationRegisteredV1,
  type LocalizedText,
  type MatterDecisionLevels,
} from '@tradepilot/contracts';
import { eventDraft, isDuplicateKeyError } from '@tradepilot/messaging';
import {
  badInput,
  invalidState,
  notFound,
  requireProvince,
  type AuthorizedContext,
  type ServiceDeps,
} from '@tradepilot/service-kit';
import { tenantScope, type TenantScope } from '@tradepilot/tenancy';
import type { ApplicationDocument } from './application-model';
import type { ApprovalsRepository } from './approvals-repository';
import type { CalendarSource } from './calendar-source';
import type { MatterTypeDocument } from './matter-type-model';
import { matterStatistics, mergeCounts, type MatterStatistics } from './matter-statistics';
import { localDate } from '@tradepilot/timers';
import { matterCounts } from './province-counts';

export interface MatterView {
  id: string;
  name: LocalizedText;
  legalBasis: string;
  statutoryLimitDays: number;
  decisionLevels: MatterDecisionLevels;
  delegatedBy: { role: string; organisationId: string };
  provinces: string[];
  version: number;
}

const toMatterView = (m: MatterTypeDocument, onlyProvince?: string): MatterView => ({
  id: m._id,
  name: m.name,
  legalBasis: m.legalBasis,
  statutoryLimitDays: m.statutoryLimitDays,
  decisionLevels: m.decisionLevels,
  delegatedBy: { role: m.delegatedBy.role, organisationId: m.delegatedBy.organisationId },
  provinces: onlyProvince ? [onlyProvince] : m.provinces,
  version: m.version,
});

const matterNotFound = (matterId: string) =>
  notFound({ 'zh-CN': `行政事项 ${matterId}`, en: `Administrative matter ${matterId}` }, 'MATTER_NOT_FOUND', {
    matterId,
  });

/** The ministry or a central department delegates a matter type to provinces (national data, audited). */
export async function delegateMatter(
  deps: ServiceDeps,
  repository: ApprovalsRepository,
  ctx: AuthorizedContext,
  input: {
    id: string;
    name: LocalizedText;
    legalBasis: string;
    statutoryLimitDays: number;
    decisionLevels: MatterDecisionLevels;
    provinces: string[];
  },
): Promise<MatterView> {
  const unknown = input.provinces.find((p) => !deps.registry.isTenant(p));
  if (unknown) {
    throw badInput(
      { 'zh-CN': `未知省份 ${unknown}`, en: `Unknown province ${unknown}` },
      'UNKNOWN_PROVINCE',
      { field: 'provinces', province: unknown },
    );
  }
  const now = deps.now();
  const provinces = [...new Set(input.provinces)];
  const organisationId = ctx.principal.organisationId as string;
  try {
    const [created] = await (
      await repository.matters()
    ).insertMany([
      {
        _id: input.id,
        name: input.name,
        legalBasis: input.legalBasis,
        statutoryLimitDays: input.statutoryLimitDays,
        decisionLevels: input.decisionLevels,
        delegatedBy: { role: ctx.actingRole, organisationId, userId: ctx.principal.userId },
        provinces,
        version: 1,
        createdAt: now,
        history: [
          { action: 'delegated', by: ctx.principal.userId, role: ctx.actingRole, at: now, provinces },
        ],
      },
    ]);
    return toMatterView((created as unknown as { toObject(): MatterTypeDocument }).toObject());
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    throw invalidState(
      { 'zh-CN': `行政事项 ${input.id} 已存在`, en: `Administrative matter ${input.id} already exists` },
      'MATTER_EXISTS',
      { matterId: input.id },
    );
  }
}

/** National users see every delegated matter; a province sees the ones delegated to it. */
export async function listMatters(
  repository: ApprovalsRepository,
  ctx: AuthorizedContext,
): Promise<MatterView[]> {
  const tenant = ctx.principal.tenant;
  const matters = await (
    await repository.matters()
  )
    .find(tenant ? { provinces: tenant } : {})
    .sort({ _id: 1 })
    .limit(500)
    .lean<MatterTypeDocument[]>();
  return matters.map((m) => toMatterView(m, tenant ?? undefined));
}

export interface ApplicationView {
  id: string;
  matterId: string;
  matterName: LocalizedText;
  applicant: { name: string; creditCode: string | null };
  receivedOn: string;
  dueOn: string;
  statutoryLimitDays: number;
  documents: { title: string; reference: string | null }[];
  status: string;
  caseId: string | null;
  decidedOn: string | null;
  processingWorkingDays: number | null;
  withinStatutoryLimit: boolean | null;
  version: number;
}

const toApplicationView = (a: ApplicationDocument): ApplicationView => ({
  id: a._id,
  matterId: a.matterId,
  matterName: a.matterName,
  applicant: a.applicant,
  receivedOn: a.receivedOn,
  dueOn: a.dueOn,
  statutoryLimitDays: a.statutoryLimitDays,
  documents: a.documents,
  status: a.status,
  caseId: a.caseId,
  decidedOn: a.decidedOn,
  processingWorkingDays: a.processingWorkingDays,
  withinStatutoryLimit: a.withinStatutoryLimit,
  version: a.version,
});

/**
 * A province registers an application under a matter delegated to it; the statutory due date runs
 * in working days from receipt. The admin-matter case opens from the event this write appends.
 */
export async function registerApplication(
  deps: ServiceDeps,
  repository: ApprovalsRepository,
  calendars: CalendarSource,
  ctx: AuthorizedContext,
  input: {
    matterId: string;
    applicant: { name: string; creditCode?: string | undefined };
    receivedOn: string;
    documents: { title: string; reference?: string | undefined }[];
    idempotencyKey?: string | undefined;
  },
): Promise<ApplicationView> {
  const scope = requireProvince(ctx);
  const matter = await (await repository.matters()).findById(input.matterId).lean<MatterTypeDocument>();
  if (!matter || !matter.provinces.includes(scope.tenant)) throw matterNotFound(input.matterId);
  const now = deps.now();
  if (input.receivedOn > localDate(now)) {
    throw badInput(
      { 'zh-CN': '收件日期不能晚于今天', en: 'The received date cannot be in the future' },
      'RECEIVED_IN_FUTURE',
      { field: 'receivedOn' },
    );
  }
  const dueOn = (await calendars.calendar()).addWorkingDays(input.receivedOn, matter.statutoryLimitDays);
  const applications = await repository.applications(scope);
  return deps.idempotency.create({
    scope,
    procedure: 'application.register',
    userId: ctx.principal.userId,
    key: input.idempotencyKey,
    input,
    deadlineAt: ctx.deadlineAt,
    existing: async (id) => {
      const found = await applications.findById(id).lean<ApplicationDocument>();
      return found ? toApplicationView(found) : undefined;
    },
    create: (id) => insertApplication(deps, applications, ctx, { ...input, id, matter, dueOn, now, scope }),
  });
}

async function insertApplication(
  deps: ServiceDeps,
  applications: Awaited<ReturnType<ApprovalsRepository['applications']>>,
  ctx: AuthorizedContext,
  input: {
    id: string;
    matter: MatterTypeDocument;
    dueOn: string;
    now: Date;
    scope: TenantScope;
    applicant: { name: string; creditCode?: string | undefined };
    receivedOn: string;
    documents: { title: string; reference?: string | undefined }[];
  },
): Promise<ApplicationView> {
  const { id, matter, dueOn, now, scope } = input;
  const applicant = { name: input.applicant.name, creditCode: input.applicant.creditCode ?? null };
  const documents = input.documents.map((d) => ({ title: d.title, reference: d.reference ?? null }));
  const created = await deps.outbox.create(
    applications,
    {
      _id: id,
      matterId: matter._id,
      matterName: matter.name,
      statutoryLimitDays: matter.statutoryLimitDays,
      decisionLevels: matter.decisionLevels,
      applicant,
      receivedOn: input.receivedOn,
      dueOn,
      documents,
      status: 'pending',
      caseId: null,
      decidedOn: null,
      processingWorkingDays: null,
      withinStatutoryLimit: null,
      registeredBy: ctx.principal.userId,
      registeredAt: now,
    },
    [
      eventDraft(approvalApplicationRegisteredV1, {
        applicationId: id,
        matterId: matter._id,
        matterName: matter.name,
        applicantName: applicant.name,
        receivedOn: input.receivedOn,
        statutoryLimitDays: matter.statutoryLimitDays,
        dueOn,
        documentCount: documents.length,
        decisionLevels: matter.decisionLevels,
        delegatedBy: {
          role: matter.delegatedBy.role as never,
          organisationId: matter.delegatedBy.organisationId,
        },
      }),
    ],
    { tenant: scope.tenant, actor: ctx.actor, now },
  );
  return toApplicationView(created);
}

const applicationNotFound = (id: string) =>
  notFound({ 'zh-CN': `行政事项申请 ${id}`, en: `Application ${id}` }, 'APPLICATION_NOT_FOUND', {
    applicationId: id,
  });

export async function getApplication(
  repository: ApprovalsRepository,
  ctx: AuthorizedContext,
  id: string,
): Promise<ApplicationView> {
  const found = await (await repository.applications(requireProvince(ctx)))
    .findById(id)
    .lean<ApplicationDocument>();
  if (!found) throw applicationNotFound(id);
  return toApplicationView(found);
}

export async function listApplications(
  repository: ApprovalsRepository,
  ctx: AuthorizedContext,
  input: { matterId?: string | undefined; status?: string | undefined; page: number; pageSize: number },
) {
  const applications = await repository.applications(requireProvince(ctx));
  const filter = {
    ...(input.matterId ? { matterId: input.matterId } : {}),
    ...(input.status ? { status: input.status } : {}),
  };
  const [total, items] = await Promise.all([
    applications.countDocuments(filter),
    applications
      .find(filter)
      .sort({ receivedOn: -1, _id: 1 })
      .skip((input.page - 1) * input.pageSize)
      .limit(input.pageSize)
      .lean<ApplicationDocument[]>(),
  ]);
  return { items: items.map(toApplicationView), total, page: input.page, pageSize: input.pageSize };
}

/** A province's statistics, computed from its own database (the same numbers the national projection holds). */
export async function provinceMatterStatistics(
  repository: ApprovalsRepository,
  tenant: string,
  now: Date,
): Promise<MatterStatistics[]> {
  const counts = mergeCounts(await matterCounts(repository, tenantScope(tenant)));
  return counts.map((c) => matterStatistics(c, localDate(now)));
}
