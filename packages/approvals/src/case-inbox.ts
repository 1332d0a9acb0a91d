import type { AuthorizedContext } from '@tradepilot/service-kit';
import { tenantScope, trusted } from '@tradepilot/tenancy';
import type { ApprovalCaseDocument } from './approval-case-model';
import type { ApprovalsRepository } from './approvals-repository';
import { approverKey, type Capacity } from './case-chain';
import { permissionsOn, type CasePermissions } from './case-view';
import { addCalendarDays, startOfLocalDay } from '@tradepilot/timers';

export interface InboxQuery {
  caseTypes?: string[] | undefined;
  provinces?: string[] | undefined;
  /** due dates (local days, inclusive) of the awaiting steps */
  dueFrom?: string | undefined;
  dueTo?: string | undefined;
  overdue?: boolean | undefined;
  sort: 'dueAsc' | 'dueDesc';
  page: number;
  pageSize: number;
}

export interface InboxItem extends CasePermissions {
  caseId: string;
  tenant: string;
  caseType: string;
  title: ApprovalCaseDocument['title'];
  summary: string | null;
  subject: ApprovalCaseDocument['subject'];
  status: ApprovalCaseDocument['status'];
  level: number;
  version: number;
  openedAt: string;
  nextDueAt: string | null;
  overdue: boolean;
  escalated: boolean;
}

export interface InboxPage {
  items: InboxItem[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * Cases awaiting the caller (`box: awaiting`: a step held by their role and organisation or a
 * delegation to them) or on their overdue list (`box: escalated`). A province's users query their
 * province's database; national users the national index, and the page is then read from the
 * provinces' databases so flags and versions are current.
 */
export async function caseList(
  repository: ApprovalsRepository,
  ctx: AuthorizedContext,
  capacities: Capacity[],
  box: 'awaiting' | 'escalated',
  query: InboxQuery,
  now: Date,
): Promise<InboxPage> {
  const keys = [...new Set(capacities.map((c) => approverKey(c.approver)))];
  const empty = { items: [], total: 0, page: query.page, pageSize: query.pageSize };
  if (keys.length === 0) return empty;
  // a step due on day d is due at the start of d + 1 (local): compare instants
  const lower = [
    query.dueFrom ? startOfLocalDay(addCalendarDays(query.dueFrom, 1)) : null,
    query.overdue === false ? now : null,
  ];
  const upper = [
    query.dueTo ? startOfLocalDay(addCalendarDays(query.dueTo, 1)) : null,
    query.overdue === true ? now : null,
  ];
  const due: Record<string, Date> = {};
  const latest = lower.filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0];
  const earliest = upper.filter((d): d is Date => d !== null).sort((a, b) => a.getTime() - b.getTime())[0];
  if (latest) due[query.overdue === false && latest === now ? '$gt' : '$gte'] = latest;
  if (earliest) due['$lte'] = earliest;
  const filter: Record<string, unknown> = {
    status: 'open',
    [box === 'awaiting' ? 'awaiting' : 'escalatedTo']: trusted({ $in: keys }),
    ...(query.caseTypes?.length ? { caseType: trusted({ $in: query.caseTypes }) } : {}),
    ...(Object.keys(due).length > 0 ? { nextDueAt: trusted(due) } : {}),
  };
  const sort = { nextDueAt: query.sort === 'dueAsc' ? 1 : -1, _id: 1 } as const;
  const skip = (query.page - 1) * query.pageSize;

  let docs: { tenant: string; doc: ApprovalCaseDocument }[];
  let total: number;
  const own = ctx.principal.tenant;
  if (own) {
    if (query.provinces?.length && !query.provinces.includes(own)) return empty;
    const cases = await repository.cases(tenantScope(own));
    [total, docs] = await Promise.all([
      cases.countDocuments(filter as never),
      cases
        .find(filter as never)
        .sort(sort)
        .skip(skip)
        .limit(query.pageSize)
        .lean<ApprovalCaseDocument[]>()
        .then((list) => list.map((doc) => ({ tenant: own, doc }))),
    ]);
  } else {
    const index = await repository.index();
    const nationalFilter = {
      ...filter,
      ...(query.provinces?.length ? { tenant: trusted({ $in: query.provinces }) } : {}),
    };
    const [count, entries] = await Promise.all([
      index.countDocuments(nationalFilter as never),
      index
        .find(nationalFilter as never)
        .sort(sort)
        .skip(skip)
        .limit(query.pageSize)
        .lean(),
    ]);
    total = count;
    const byTenant = new Map<string, string[]>();
    for (const e of entries) byTenant.set(e.tenant, [...(byTenant.get(e.tenant) ?? []), e._id]);
    const loaded = new Map<string, { tenant: string; doc: ApprovalCaseDocument }>();
    await Promise.all(
      [...byTenant].map(async ([tenant, ids]) => {
        const found = await (await repository.cases(tenantScope(tenant)))
          .find({ _id: trusted({ $in: ids }) } as never)
          .lean<ApprovalCaseDocument[]>();
        for (const doc of found) loaded.set(doc._id, { tenant, doc });
      }),
    );
    docs = entries
      .map((e) => loaded.get(e._id))
      .filter((d): d is { tenant: string; doc: ApprovalCaseDocument } => !!d);
  }
  return {
    items: docs.map(({ tenant, doc }) => ({
      caseId: doc._id,
      tenant,
      caseType: doc.caseType,
      title: doc.title,
      summary: doc.summary,
      subject: doc.subject,
      status: doc.status,
      level: doc.level,
      version: doc.version,
      openedAt: doc.openedAt.toISOString(),
      nextDueAt: doc.nextDueAt?.toISOString() ?? null,
      overdue: doc.status === 'open' && doc.nextDueAt !== null && doc.nextDueAt <= now,
      escalated: doc.escalatedTo.length > 0,
      ...permissionsOn(doc, capacities),
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}
