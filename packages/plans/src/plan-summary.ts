import type { LocalizedText, PlanPeriod, SignOffParty } from '@tradepilot/contracts';
import type { PlanDocument, PlanStatus } from './plan-model';
import { planPermissions, type PlanCaller, type PlanPermissions } from './plan-permissions';
import { editableStatuses, missingParties } from './plan-view';

/** What a plan list shows of a plan: no tasks, no submission records, no sign-off details. */
export interface PlanSummary extends PlanPermissions {
  id: string;
  round: number;
  pilotAreaId: string;
  title: LocalizedText;
  period: PlanPeriod | null;
  status: PlanStatus;
  version: number;
  /** submissions so far */
  submission: number;
  taskCount: number;
  /** the parties whose sign-off the current version still needs */
  missingSignOffs: SignOffParty[];
  inForce: { submission: number; approvedAt: string } | null;
  /** an amendment is under way (the version in force stays in force meanwhile) */
  amending: boolean;
  readOnly: boolean;
  updatedAt: string;
  updatedBy: string;
  submittedAt: string | null;
  approvedAt: string | null;
  closedAt: string | null;
}

/**
 * The fields a summary is made of, and all the store returns of a plan for the list: the tasks
 * and submission records, most of a plan's size, are never read. Sign-offs and the version in
 * force are read for the missing sign-offs and the caller's permissions.
 */
export const planSummaryFields = [
  '_id',
  'round',
  'pilotAreaId',
  'title',
  'period',
  'status',
  'version',
  'submission',
  'taskCount',
  'signOffs',
  'inForce',
  'amendment',
  'updatedAt',
  'updatedBy',
  'submittedAt',
  'approvedAt',
  'closedAt',
] as const satisfies readonly (keyof PlanDocument)[];

export type PlanSummaryDocument = Pick<PlanDocument, (typeof planSummaryFields)[number]>;

export const planSummaryProjection: Record<string, 1> = Object.fromEntries(
  planSummaryFields.map((field) => [field, 1]),
);

/** The same answers as `toPlanView` gives for these fields (permissions, missing sign-offs, read-only). */
export function toPlanSummary(plan: PlanSummaryDocument, caller: PlanCaller | null): PlanSummary {
  return {
    ...planPermissions(plan, caller),
    id: plan._id,
    round: plan.round,
    pilotAreaId: plan.pilotAreaId,
    title: plan.title,
    period: plan.period ?? null,
    status: plan.status,
    version: plan.version,
    submission: plan.submission,
    taskCount: plan.taskCount,
    missingSignOffs: missingParties({ signOffs: plan.signOffs ?? [] }),
    inForce: plan.inForce
      ? { submission: plan.inForce.submission, approvedAt: plan.inForce.approvedAt.toISOString() }
      : null,
    amending: Boolean(plan.amendment),
    readOnly: !editableStatuses.includes(plan.status),
    updatedAt: plan.updatedAt.toISOString(),
    updatedBy: plan.updatedBy,
    submittedAt: plan.submittedAt?.toISOString() ?? null,
    approvedAt: plan.approvedAt?.toISOString() ?? null,
    closedAt: plan.closedAt?.toISOString() ?? null,
  };
}
