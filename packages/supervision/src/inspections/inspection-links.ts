import type { ServiceDeps } from '@tradepilot/service-kit';
import type { TenantScope } from '@tradepilot/tenancy';
import { planVersionId, planVersionModel, type PlanVersionDocument } from '../plan-version-model';
import { noPlanInForce } from '../supervision-errors';
import { supervisedPlanId, supervisedPlanModel, type SupervisedPlanDocument } from '../supervised-plan-model';
import { inspectionErrors } from './inspection-errors';

const unique = (ids: readonly string[]) => [...new Set(ids)];

/**
 * The tasks and measures an inspection or a finding links to, checked against the area's plan in
 * force in the round (no links need no plan): a task of that plan, a measure one of its tasks maps to.
 */
export async function checkedLinks(
  deps: ServiceDeps,
  scope: TenantScope,
  pilotAreaId: string,
  round: number,
  links: { taskIds: string[]; measureIds: string[] },
): Promise<{ taskIds: string[]; measureIds: string[] }> {
  const taskIds = unique(links.taskIds);
  const measureIds = unique(links.measureIds);
  if (taskIds.length === 0 && measureIds.length === 0) return { taskIds, measureIds };
  const plan = await (await deps.databases.model(scope, supervisedPlanModel))
    .findById(supervisedPlanId(round, pilotAreaId))
    .lean<SupervisedPlanDocument>();
  const version = plan
    ? await (await deps.databases.model(scope, planVersionModel))
        .findById(planVersionId(round, pilotAreaId, plan.inForceSubmission))
        .lean<PlanVersionDocument>()
    : null;
  if (!version) throw noPlanInForce(pilotAreaId, round);
  const unknownTasks = taskIds.filter((id) => !version.tasks.some((t) => t.id === id));
  if (unknownTasks.length > 0) throw inspectionErrors.unknownTasks(unknownTasks, version.submission);
  const unknownMeasures = measureIds.filter((id) => !version.measureIds.includes(id));
  if (unknownMeasures.length > 0) throw inspectionErrors.unknownMeasures(unknownMeasures);
  return { taskIds, measureIds };
}
