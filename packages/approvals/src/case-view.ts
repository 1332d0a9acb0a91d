import type { CaseSubject, LocalizedText } from '@tradepilot/contracts';
import type { ApprovalCaseDocument, CaseStatus } from './approval-case-model';

export interface CaseView {
  id: string;
  tenant: string;
  caseType: string;
  subject: CaseSubject;
  title: LocalizedText;
  status: CaseStatus;
  level: number;
  version: number;
  openedAt: string;
  closedAt: string | null;
  decisions: {
    level: number;
    decision: string;
    reason: string | null;
    decidedBy: string;
    decidedAt: string;
  }[];
}

export function toCaseView(tenant: string, c: ApprovalCaseDocument): CaseView {
  return {
    id: c._id,
    tenant,
    caseType: c.caseType,
    subject: c.subject,
    title: c.title,
    status: c.status,
    level: c.level,
    version: c.version,
    openedAt: c.openedAt.toISOString(),
    closedAt: c.closedAt?.toISOString() ?? null,
    decisions: c.decisions.map((d) => ({
      level: d.level,
      decision: d.decision,
      reason: d.reason,
      decidedBy: d.decidedBy,
      decidedAt: d.decidedAt.toISOString(),
    })),
  };
}
