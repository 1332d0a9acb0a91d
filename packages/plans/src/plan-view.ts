import type { LocalizedText, PlanTask } from '@tradepilot/contracts';
import type { PlanDocument, PlanStatus } from './plan-model';

/** A plan as callers see it: no outbox, no internal guards; dates as ISO strings. */
export interface PlanView {
  id: string;
  round: number;
  pilotAreaId: string;
  title: LocalizedText;
  status: PlanStatus;
  version: number;
  submission: number;
  tasks: PlanTask[];
  returnReason: string | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  submittedAt: string | null;
  approvedAt: string | null;
}

export function toPlanView(plan: PlanDocument): PlanView {
  return {
    id: plan._id,
    round: plan.round,
    pilotAreaId: plan.pilotAreaId,
    title: plan.title,
    status: plan.status,
    version: plan.version,
    submission: plan.submission,
    tasks: plan.tasks,
    returnReason: plan.returnReason,
    createdAt: plan.createdAt.toISOString(),
    createdBy: plan.createdBy,
    updatedAt: plan.updatedAt.toISOString(),
    updatedBy: plan.updatedBy,
    submittedAt: plan.submittedAt?.toISOString() ?? null,
    approvedAt: plan.approvedAt?.toISOString() ?? null,
  };
}
