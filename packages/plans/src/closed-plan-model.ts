import { defineModel } from '@tradepilot/tenancy';
import { planSchema, type PlanDocument } from './plan-model';

/**
 * Closed plans whose events are published (same shape as `plans`), in the province's database.
 * No outbox flag: a closed plan never changes again, so the relay never scans them, and the reads
 * of current plans never touch them.
 */
export const closedPlanModel = defineModel<PlanDocument>({
  name: 'ClosedPlan',
  collection: 'closed_plans',
  placement: 'tenant',
  schema: planSchema(),
});
