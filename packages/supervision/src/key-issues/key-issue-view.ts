import type { IssueCategory, IssueHolder, LocalizedText } from '@tradepilot/contracts';
import type { KeyIssueDocument, KeyIssueStatus } from './key-issue-model';
import { ageInDays, hopAbove, type ChainHop } from './key-issue-routing';
import { allowedActions, type IssueCaller } from './key-issue-transitions';

export interface KeyIssueView {
  keyIssueId: string;
  version: number;
  province: string;
  round: number;
  pilotAreaId: string;
  category: IssueCategory;
  title: LocalizedText;
  description: LocalizedText;
  taskIds: string[];
  measureIds: string[];
  departmentIds: string[];
  raisedBy: IssueHolder;
  raisedByUser: string;
  raisedAt: string;
  ageDays: number;
  status: KeyIssueStatus;
  holder: IssueHolder;
  heldSince: string;
  slaDueAt: string | null;
  flagged: boolean;
  /** where passing it up would send it (null at the top of its chain) */
  nextHolder: IssueHolder | null;
  answer: string | null;
  answeredBy: IssueHolder | null;
  resolution: string | null;
  resolvedBy: IssueHolder | null;
  resolvedAt: string | null;
  reopenReason: string | null;
  reopened: number;
  mayAnswer: boolean;
  mayResolve: boolean;
  mayPassUp: boolean;
  mayReopen: boolean;
}

/** An issue as a caller sees it, with what they may do now (whichever of their roles allows it). */
export function keyIssueView(
  issue: KeyIssueDocument,
  province: string,
  chain: ChainHop[],
  callers: IssueCaller[],
  now: Date,
): KeyIssueView {
  const next = hopAbove(chain, issue.holder.level);
  const may = new Set(callers.flatMap((c) => allowedActions(issue, c, next !== null)));
  return {
    keyIssueId: issue._id,
    version: issue.version,
    province,
    round: issue.round,
    pilotAreaId: issue.pilotAreaId,
    category: issue.category,
    title: issue.title,
    description: issue.description,
    taskIds: issue.taskIds,
    measureIds: issue.measureIds,
    departmentIds: issue.departmentIds,
    raisedBy: issue.raisedBy,
    raisedByUser: issue.raisedByUser,
    raisedAt: issue.raisedAt.toISOString(),
    ageDays: ageInDays(issue.raisedAt, now),
    status: issue.status,
    holder: issue.holder,
    heldSince: issue.heldSince.toISOString(),
    slaDueAt: issue.slaDueAt?.toISOString() ?? null,
    flagged: issue.flagged,
    nextHolder: next?.holder ?? null,
    answer: issue.answer,
    answeredBy: issue.answeredBy,
    resolution: issue.resolution,
    resolvedBy: issue.resolvedBy,
    resolvedAt: issue.resolvedAt?.toISOString() ?? null,
    reopenReason: issue.reopenReason,
    reopened: issue.reopened,
    mayAnswer: may.has('answer'),
    mayResolve: may.has('resolve'),
    mayPassUp: may.has('passUp'),
    mayReopen: may.has('reopen'),
  };
}
