import type { AuthorizedContext, ServiceDeps } from '@tradepilot/service-kit';
import { nationalScope, tenantScope, type TenantScope } from '@tradepilot/tenancy';
import { randomUUID } from 'node:crypto';
import { nationalPlanModel, type NationalPlanRow } from './national-plan-model';
import { nationalReadModel } from './national-read-log-model';
import { planNotFound, provinceNotFound } from './plan-errors';
import { planStatuses, type PlanDocument, type PlanStatus } from './plan-model';
import type { PlanRepository } from './plan-repository';

export type NationalStatus = PlanStatus | 'not-started';

export interface NationalPlanListRow {
  province: string;
  pilotAreaId: string;
  round: number;
  planId: string | null;
  status: NationalStatus;
  amending: boolean;
  approvedVersion: number | null;
  submittedAt: string | null;
  approvedAt: string | null;
  taskCount: number | null;
  /** % of the applicable measures the latest submitted or approved version covers */
  measureCoverage: number | null;
}

/** One row per pilot area of the round, from the projection (an area without a plan: not-started). */
export async function nationalList(
  deps: ServiceDeps,
  filter: {
    province?: string | undefined;
    round?: number | undefined;
    status?: NationalStatus | undefined;
  },
): Promise<NationalPlanListRow[]> {
  const round = filter.round ?? deps.registry.latestRound();
  const rows = await (await deps.databases.model(nationalScope, nationalPlanModel))
    .find(filter.province ? { round, province: filter.province } : { round })
    .lean<NationalPlanRow[]>();
  const byArea = new Map(rows.map((r) => [r.pilotAreaId, r]));
  return deps.registry
    .pilotAreas()
    .filter((a) => a.rounds.includes(round) && (!filter.province || a.province === filter.province))
    .map((area): NationalPlanListRow => {
      const row = byArea.get(area.id);
      return {
        province: area.province,
        pilotAreaId: area.id,
        round,
        planId: row?.planId ?? null,
        status: row?.status ?? 'not-started',
        amending: row?.amending ?? false,
        approvedVersion: row?.approvedVersion ?? null,
        submittedAt: row?.submittedAt?.toISOString() ?? null,
        approvedAt: row?.approvedAt?.toISOString() ?? null,
        taskCount: row?.taskCount ?? null,
        measureCoverage: row?.measureCoverage ?? null,
      };
    })
    .filter((r) => !filter.status || r.status === filter.status)
    .sort((a, b) => a.province.localeCompare(b.province) || a.pilotAreaId.localeCompare(b.pilotAreaId));
}

export interface NationalSummary {
  pilotAreas: number;
  byStatus: Record<NationalStatus, number>;
  amending: number;
  /** mean coverage of the areas that submitted at least once; null when none has */
  averageCoverage: number | null;
}

export async function nationalSummary(deps: ServiceDeps): Promise<NationalSummary> {
  const rows = await nationalList(deps, {});
  const byStatus = Object.fromEntries([...planStatuses, 'not-started'].map((s) => [s, 0])) as Record<
    NationalStatus,
    number
  >;
  for (const row of rows) byStatus[row.status] += 1;
  const coverages = rows.map((r) => r.measureCoverage).filter((c): c is number => c !== null);
  return {
    pilotAreas: rows.length,
    byStatus,
    amending: rows.filter((r) => r.amending).length,
    averageCoverage:
      coverages.length === 0
        ? null
        : Math.round((coverages.reduce((a, b) => a + b, 0) / coverages.length) * 10) / 10,
  };
}

/**
 * The ministry reads one province's plan: the province is named by the ministry (never inferred),
 * must exist, and every such read is recorded.
 */
export async function nationalPlanRead(
  deps: ServiceDeps,
  plans: PlanRepository,
  ctx: AuthorizedContext,
  procedure: string,
  input: { province: string; planId: string },
): Promise<{ scope: TenantScope; plan: PlanDocument }> {
  if (!deps.registry.isTenant(input.province)) throw provinceNotFound(input.province);
  const scope = tenantScope(input.province);
  const plan = await plans.get(scope, input.planId);
  if (!plan) throw planNotFound(input.planId);
  await (
    await deps.databases.model(nationalScope, nationalReadModel)
  ).create({
    _id: randomUUID(),
    at: deps.now(),
    userId: ctx.principal.userId,
    role: ctx.actingRole,
    procedure,
    province: input.province,
    planId: input.planId,
  });
  return { scope, plan };
}
