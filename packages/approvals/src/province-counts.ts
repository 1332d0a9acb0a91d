import { trusted, type TenantScope } from '@tradepilot/tenancy';
import type { ApprovalsRepository } from './approvals-repository';
import type { MatterCounts } from './matter-statistics';
import type { ProvinceSummaryDocument } from './national-summary-model';

// FerretDB computes only the first accumulator of a $group correctly: one count per grouping
const count = { count: { $sum: 1 } };

interface Grouped<K> {
  _id: K;
  count: number;
}

/** Counts of a province's open cases by day opened, and of its awaiting steps by due day. */
export async function caseCounts(
  repository: ApprovalsRepository,
  scope: TenantScope,
): Promise<Pick<ProvinceSummaryDocument, 'openCases' | 'openSteps'>> {
  const cases = await repository.cases(scope);
  const open = { $match: { status: 'open' } };
  // FerretDB's $unwind keeps only _id and the unwound field: unwind one case type at a time
  const types = (await cases.distinct('caseType', { status: 'open' })) as string[];
  const [byOpened, byDuePerType] = await Promise.all([
    cases.aggregate<Grouped<{ caseType: string; openedOn: string }>>([
      open,
      { $group: { _id: { caseType: '$caseType', openedOn: '$openedOn' }, ...count } },
    ]),
    Promise.all(
      types.map((caseType) =>
        cases.aggregate<Grouped<string>>([
          { $match: { status: 'open', caseType } },
          { $unwind: '$activeDueOns' },
          { $group: { _id: '$activeDueOns', ...count } },
        ]),
      ),
    ),
  ]);
  return {
    openCases: byOpened.map((g) => ({ ...g._id, count: g.count })),
    openSteps: byDuePerType.flatMap((groups, i) =>
      groups.map((g) => ({ caseType: types[i] as string, dueOn: g._id, count: g.count })),
    ),
  };
}

/** Per matter: applications, decisions within the limit, processing days, pending by due day. */
export async function matterCounts(
  repository: ApprovalsRepository,
  scope: TenantScope,
): Promise<MatterCounts[]> {
  const applications = await repository.applications(scope);
  const decided = { $match: { status: trusted({ $in: ['approved', 'rejected'] }) } };
  const [all, processing, pending] = await Promise.all([
    applications.aggregate<Grouped<string>>([{ $group: { _id: '$matterId', ...count } }]),
    applications.aggregate<Grouped<{ matterId: string; days: number; within: boolean }>>([
      decided,
      {
        $group: {
          _id: { matterId: '$matterId', days: '$processingWorkingDays', within: '$withinStatutoryLimit' },
          ...count,
        },
      },
    ]),
    applications.aggregate<Grouped<{ matterId: string; dueOn: string }>>([
      { $match: { status: 'pending' } },
      { $group: { _id: { matterId: '$matterId', dueOn: '$dueOn' }, ...count } },
    ]),
  ]);
  return all.map((a) => {
    const mine = processing.filter((p) => p._id.matterId === a._id);
    const days = new Map<number, number>();
    for (const p of mine) days.set(p._id.days, (days.get(p._id.days) ?? 0) + p.count);
    return {
      matterId: a._id,
      applications: a.count,
      decided: mine.reduce((n, p) => n + p.count, 0),
      withinLimit: mine.filter((p) => p._id.within).reduce((n, p) => n + p.count, 0),
      processingDays: [...days].map(([d, c]) => ({ days: d, count: c })),
      pendingByDueOn: pending
        .filter((p) => p._id.matterId === a._id)
        .map((p) => ({ dueOn: p._id.dueOn, count: p.count })),
    };
  });
}
