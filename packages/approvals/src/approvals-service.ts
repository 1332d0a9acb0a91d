import { topics } from '@tradepilot/contracts';
import { baseConfigSchema, defineService, internalAuthConfigSchema } from '@tradepilot/service-kit';
import { approvalCaseModel } from './approval-case-model';
import { caseIndexModel } from './case-index-model';
import { caseIndexProjection } from './case-index-projection';
import { planCaseOpening } from './case-opening';
import { CaseRepository } from './case-repository';
import { caseRouter } from './case-router';

/** The approvals service: one engine for every multi-level sign-off. */
export const approvalsService = defineService({
  name: 'approvals',
  defaultPort: 3002,
  configSchema: baseConfigSchema.extend(internalAuthConfigSchema.shape),
  models: [approvalCaseModel, caseIndexModel],
  topics: [topics.plan, topics.approvalCase],
  setup: (deps) => {
    const cases = new CaseRepository(deps.databases);
    return {
      router: caseRouter(deps, cases),
      handlers: [planCaseOpening(deps, cases), ...caseIndexProjection(cases)],
    };
  },
});
