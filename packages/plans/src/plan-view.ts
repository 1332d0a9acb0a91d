import type {
  LocalizedText,
  MeasureCoverage,
  PlanPeriod,
  PlanTask,
  SignOffParty,
} from '@tradepilot/contracts';
import type { CoverageExplanation, PlanDocument, PlanStatus, SubmissionOutcome } from './plan-model';
import { planPermissions, type PlanCaller, type PlanPermissions } from './plan-permissions';

export interface SubmissionView {
  submission: number;
  submittedAt: string;
  submittedBy: string;
  amendment: boolean;
  taskCount: number;
  measureCoverage: MeasureCoverage;
  outcome: SubmissionOutcome;
  reason: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
}

/** A plan as callers see it: no outbox, no internal guards, no audit log; dates as ISO strings. */
export interface PlanView extends PlanPermissions {
  id: string;
  round: number;
  pilotAreaId: string;
  title: LocalizedText;
  period: PlanPeriod | null;
  status: PlanStatus;
  version: number;
  submission: number;
  tasks: PlanTask[];
  coverageExplanations: CoverageExplanation[];
  signOffs: { parties: SignOffParty[]; userId: string; role: string; signedAt: string }[];
  /** the parties whose sign-off the current version still needs */
  missingSignOffs: SignOffParty[];
  submissions: SubmissionView[];
  inForce: { submission: number; approvedAt: string } | null;
  amendment: { startedAt: string; startedBy: string; reason: string } | null;
  /** approved (or implementing, or closed): no field can be edited */
  readOnly: boolean;
  returnReason: string | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  submittedAt: string | null;
  approvedAt: string | null;
  closedAt: string | null;
}

export const editableStatuses: readonly PlanStatus[] = ['drafting', 'returned'];

export function missingParties(plan: Pick<PlanDocument, 'signOffs'>): SignOffParty[] {
  const signed = new Set(plan.signOffs.flatMap((s) => s.parties));
  return (['pilot-area', 'province'] as const).filter((p) => !signed.has(p));
}

/** `caller`: who reads it, for the `may*` flags (null for the ministry's read-only national reads). */
export function toPlanView(plan: PlanDocument, caller: PlanCaller | null): PlanView {
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
    tasks: plan.tasks,
    coverageExplanations: plan.coverageExplanations ?? [],
    signOffs: (plan.signOffs ?? []).map((s) => ({
      parties: s.parties,
      userId: s.userId,
      role: s.role,
      signedAt: s.signedAt.toISOString(),
    })),
    missingSignOffs: missingParties({ signOffs: plan.signOffs ?? [] }),
    submissions: (plan.submissions ?? []).map((s) => ({
      submission: s.submission,
      submittedAt: s.submittedAt.toISOString(),
      submittedBy: s.submittedBy,
      amendment: s.amendment,
      taskCount: s.taskCount,
      measureCoverage: s.measureCoverage,
      outcome: s.outcome,
      reason: s.reason,
      decidedAt: s.decidedAt?.toISOString() ?? null,
      decidedBy: s.decidedBy,
    })),
    inForce: plan.inForce
      ? { submission: plan.inForce.submission, approvedAt: plan.inForce.approvedAt.toISOString() }
      : null,
    amendment: plan.amendment
      ? {
          startedAt: plan.amendment.startedAt.toISOString(),
          startedBy: plan.amendment.startedBy,
          reason: plan.amendment.reason,
        }
      : null,
    readOnly: !editableStatuses.includes(plan.status),
    returnReason: plan.returnReason,
    createdAt: plan.createdAt.toISOString(),
    createdBy: plan.createdBy,
    updatedAt: plan.updatedAt.toISOString(),
    updatedBy: plan.updatedBy,
    submittedAt: plan.submittedAt?.toISOString() ?? null,
    approvedAt: plan.approvedAt?.toISOString() ?? null,
    closedAt: plan.closedAt?.toISOString() ?? null,
  };
}
