export { plansService, plansConfigSchema } from './plans-service';
export type { PlansRouter } from './plan-router';
export type { PlanView } from './plan-view';
export type { PlanSummary } from './plan-summary';
export type { PlanSummaryPage } from './plan-list';
