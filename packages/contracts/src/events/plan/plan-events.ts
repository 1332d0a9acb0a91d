import type { EventDefinition } from '../../define-event';
import { planAmendmentStartedV1 } from './plan.amendment_started.v1';
import { planApprovedV1 } from './plan.approved.v1';
import { planClosedV1 } from './plan.closed.v1';
import { planDraftedV1 } from './plan.drafted.v1';
import { planImplementationStartedV1 } from './plan.implementation_started.v1';
import { planReturnedV1 } from './plan.returned.v1';
import { planSignedV1 } from './plan.signed.v1';
import { planSubmittedV1 } from './plan.submitted.v1';

/** Every event version of the plan aggregate (topic plans.plan). */
export const planEvents: readonly EventDefinition[] = [
  planDraftedV1,
  planSignedV1,
  planSubmittedV1,
  planReturnedV1,
  planApprovedV1,
  planAmendmentStartedV1,
  planImplementationStartedV1,
  planClosedV1,
];
