import type { ServiceDeps } from '@tradepilot/service-kit';
import { assessmentFrameworkModel } from './assessment-framework-model';
import { assessmentResultModel } from './assessment-result-model';
import { assessmentRunModel } from './assessment-run-model';
import { practicePublicationModel } from './practice-publication-model';
import { practicePublicationProjection } from './practice-publication-projection';

/** What the supervision service registers for assessment: its collections and its projection. */
export const assessmentModels = [
  assessmentFrameworkModel,
  assessmentRunModel,
  assessmentResultModel,
  practicePublicationModel,
];

export const assessmentHandlers = (deps: ServiceDeps) => [practicePublicationProjection(deps)];
