import type { Approver, CaseSubject, LocalizedText, StepAction } from '@tradepilot/contracts';
import type { ApprovalCaseDocument } from './approval-case-model';
import {
  actionableStep,
  actionAllowed,
  lockedLevels,
  type Capacity,
  type CaseStatus,
  type Refusal,
} from './case-chain';

/** The API's words for the engine's actions. */
export const decisionNames = ['approve', 'return', 'returnToPrevious', 'reject'] as const;
export type DecisionName = (typeof decisionNames)[number];
export const actionOf: Record<DecisionName, StepAction> = {
  approve: 'approve',
  return: 'return_to_originator',
  returnToPrevious: 'return_to_previous',
  reject: 'reject',
};
const nameOf: Record<StepAction, DecisionName> = {
  approve: 'approve',
  return_to_originator: 'return',
  return_to_previous: 'returnToPrevious',
  reject: 'reject',
};

/** What the calling user may do on a case now: the console renders exactly this. */
export interface CasePermissions {
  mayApprove: boolean;
  /** return to the originator (decision `return`) */
  mayReturn: boolean;
  mayReturnToPrevious: boolean;
  mayReject: boolean;
  /** the step the caller would act on */
  myStepId: string | null;
  /** set when the caller would act as a delegate of this user */
  actingForUserId: string | null;
  /** why the caller cannot act, when they cannot */
  blockedBy: Refusal | null;
}

export function permissionsOn(c: ApprovalCaseDocument, capacities: Capacity[]): CasePermissions {
  const found = actionableStep(c, capacities);
  if ('refusal' in found) {
    return {
      mayApprove: false,
      mayReturn: false,
      mayReturnToPrevious: false,
      mayReject: false,
      myStepId: null,
      actingForUserId: null,
      blockedBy: found.refusal,
    };
  }
  const may = (action: StepAction) => actionAllowed(c, found.step, action);
  return {
    mayApprove: may('approve'),
    mayReturn: may('return_to_originator'),
    mayReturnToPrevious: may('return_to_previous'),
    mayReject: may('reject'),
    myStepId: found.step.id,
    actingForUserId: found.capacity.actingForUserId,
    blockedBy: null,
  };
}

export interface StepView {
  id: string;
  level: number;
  key: string;
  name: LocalizedText;
  approver: Approver;
  status: string;
  activatedAt: string | null;
  dueOn: string | null;
  dueAt: string | null;
  overdue: boolean;
  remindedAt: string | null;
  escalatedAt: string | null;
}

export interface CaseView extends CasePermissions {
  id: string;
  tenant: string;
  caseType: string;
  subject: CaseSubject;
  title: LocalizedText;
  summary: string | null;
  status: CaseStatus;
  level: number;
  version: number;
  openedAt: string;
  closedAt: string | null;
  previousCaseId: string | null;
  lockedLevels: number[];
  levels: { level: number; key: string; name: LocalizedText; locked: boolean; steps: StepView[] }[];
  /** every decision in order, earlier rounds included: the audit of the case */
  decisions: {
    stepId: string;
    level: number;
    decision: DecisionName;
    reason: string | null;
    decidedBy: string;
    actingForUserId: string | null;
    actingRole: string;
    decidedAt: string;
  }[];
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toCaseView(
  tenant: string,
  c: ApprovalCaseDocument,
  capacities: Capacity[],
  now: Date,
): CaseView {
  const locked = lockedLevels(c);
  return {
    id: c._id,
    tenant,
    caseType: c.caseType,
    subject: c.subject,
    title: c.title,
    summary: c.summary,
    status: c.status,
    level: c.level,
    version: c.version,
    openedAt: c.openedAt.toISOString(),
    closedAt: iso(c.closedAt),
    previousCaseId: c.previousCaseId,
    lockedLevels: locked,
    levels: c.chain.map((l) => ({
      level: l.level,
      key: l.key,
      name: l.name,
      locked: locked.includes(l.level),
      steps: c.steps
        .filter((s) => s.current && s.level === l.level)
        .map((s) => ({
          id: s.id,
          level: s.level,
          key: s.key,
          name: s.name,
          approver: s.approver,
          status: s.status,
          activatedAt: iso(s.activatedAt),
          dueOn: s.dueOn,
          dueAt: iso(s.dueAt),
          overdue: s.status === 'active' && s.dueAt !== null && s.dueAt <= now,
          remindedAt: iso(s.remindedAt),
          escalatedAt: iso(s.escalatedAt),
        })),
    })),
    decisions: c.steps
      .filter((s) => s.decision)
      .map((s) => ({ s, d: s.decision as NonNullable<typeof s.decision> }))
      .sort((a, b) => a.d.decidedAt.getTime() - b.d.decidedAt.getTime())
      .map(({ s, d }) => ({
        stepId: s.id,
        level: s.level,
        decision: nameOf[d.action],
        reason: d.reason,
        decidedBy: d.decidedBy,
        actingForUserId: d.actingForUserId,
        actingRole: d.actingRole,
        decidedAt: d.decidedAt.toISOString(),
      })),
    ...permissionsOn(c, capacities),
  };
}
