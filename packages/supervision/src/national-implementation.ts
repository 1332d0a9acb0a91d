import type { ServiceDeps } from '@tradepilot/service-kit';
import { nationalScope, stampedReads } from '@tradepilot/tenancy';
import { openKeyIssuesSummary } from './key-issues/key-issue-reads';
import { nationalRateSummary } from './implementation/national-rate-summary';
import { nationalAreaModel, nationalAreasStamp, type NationalAreaRow } from './national-area-model';
import { supervisedPlanStatuses, type SupervisedPlanStatus } from './supervised-plan-model';

export interface ImplementationNationalSummary {
  round: number;
  /** pilot areas taking part in the round */
  pilotAreas: number;
  /** areas with an approved plan in force: what supervision follows */
  underSupervision: number;
  byPlanStatus: Record<SupervisedPlanStatus, number>;
  /** unresolved key issues, overdue ones and who holds them (from `key_issue_index`) */
  openKeyIssues: Awaited<ReturnType<typeof openKeyIssuesSummary>>;
  /** the latest period's national implementation rate and its trend; late and missing reports */
  implementationRate: Awaited<ReturnType<typeof nationalRateSummary>>['implementationRate'];
  lateReports: Awaited<ReturnType<typeof nationalRateSummary>>['lateReports'];
}

/** The ministry's national picture of supervision, from the projection in `supervision_national`. */
export async function implementationNationalSummary(
  deps: ServiceDeps,
  input: { round?: number | undefined },
): Promise<ImplementationNationalSummary> {
  const round = input.round ?? deps.registry.latestRound();
  const [rows, openKeyIssues, rates] = await Promise.all([
    stampedReads(deps.databases).read(nationalAreasStamp, `national-areas:${round}`, async () =>
      (await deps.databases.model(nationalScope, nationalAreaModel))
        .find({ round })
        .lean<NationalAreaRow[]>(),
    ),
    openKeyIssuesSummary(deps, round),
    nationalRateSummary(deps, round),
  ]);
  const byPlanStatus = Object.fromEntries(supervisedPlanStatuses.map((s) => [s, 0])) as Record<
    SupervisedPlanStatus,
    number
  >;
  for (const row of rows) byPlanStatus[row.planStatus] += 1;
  return {
    round,
    pilotAreas: deps.registry.pilotAreas().filter((a) => a.rounds.includes(round)).length,
    underSupervision: rows.length,
    byPlanStatus,
    openKeyIssues,
    ...rates,
  };
}
