import { issueCategories, issueLevels, type IssueCategory, type IssueLevel } from '@tradepilot/contracts';
import { keyIssueStatuses, type KeyIssueStatus } from './key-issue-model';
import { ageBucketOf, ageBuckets, ageInDays, type AgeBucket } from './key-issue-routing';

/** What the counts look at in an issue (a province's document or a national index row). */
export interface CountedIssue {
  category: IssueCategory;
  status: KeyIssueStatus;
  holderLevel: IssueLevel;
  raisedAt: Date;
  slaDueAt: Date | null;
  flagged: boolean;
}

export interface KeyIssueCounts {
  total: number;
  /** not resolved */
  open: number;
  /** open with the holder's SLA passed, or flagged at the top of the chain */
  overdue: number;
  byCategory: Record<IssueCategory, number>;
  byStatus: Record<KeyIssueStatus, number>;
  /** unresolved issues by the level holding them */
  byHolder: Record<IssueLevel, number>;
  /** unresolved issues by days since raised */
  byAge: Record<AgeBucket, number>;
}

const zeros = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** Counts by category, status, holder and age (pure: the caller reads the rows). */
export function countIssues(issues: readonly CountedIssue[], now: Date): KeyIssueCounts {
  const counts: KeyIssueCounts = {
    total: 0,
    open: 0,
    overdue: 0,
    byCategory: zeros(issueCategories),
    byStatus: zeros(keyIssueStatuses),
    byHolder: zeros(issueLevels),
    byAge: zeros(ageBuckets),
  };
  for (const issue of issues) {
    counts.total += 1;
    counts.byCategory[issue.category] += 1;
    counts.byStatus[issue.status] += 1;
    if (issue.status === 'resolved') continue;
    counts.open += 1;
    counts.byHolder[issue.holderLevel] += 1;
    counts.byAge[ageBucketOf(ageInDays(issue.raisedAt, now))] += 1;
    if (issue.flagged || (issue.slaDueAt !== null && issue.slaDueAt <= now)) counts.overdue += 1;
  }
  return counts;
}
