import type { IssueHolder, IssueLevel } from '@tradepilot/contracts';
import type { KeyIssueStatus } from './key-issue-model';

export const keyIssueActions = ['answer', 'resolve', 'passUp', 'reopen'] as const;
export type KeyIssueAction = (typeof keyIssueActions)[number];

/** Who acts: a level of the program and the organisation the caller speaks for there. */
export interface IssueCaller {
  level: IssueLevel;
  organisationId: string;
}

/** The part of an issue the rules look at. */
export interface IssueState {
  status: KeyIssueStatus;
  holder: IssueHolder;
  raisedBy: IssueHolder;
  reopened: number;
}

export type Refusal =
  | { kind: 'not-holder' }
  | { kind: 'not-originator' }
  | { kind: 'wrong-status'; allowed: readonly KeyIssueStatus[] }
  | { kind: 'reopened-already' }
  | { kind: 'top-level' };

/** The states each action starts from, and whose action it is. */
const rules: Record<KeyIssueAction, { from: readonly KeyIssueStatus[]; by: 'holder' | 'originator' }> = {
  answer: { from: ['open', 'answered'], by: 'holder' },
  resolve: { from: ['open', 'answered'], by: 'holder' },
  passUp: { from: ['open', 'answered'], by: 'holder' },
  reopen: { from: ['resolved'], by: 'originator' },
};

/** The originator may reopen a resolution this many times. */
export const reopenLimit = 1;

const speaksFor = (caller: IssueCaller, holder: IssueHolder) =>
  caller.level === holder.level && holder.organisationIds.includes(caller.organisationId);

export const isHolder = (issue: IssueState, caller: IssueCaller) => speaksFor(caller, issue.holder);
export const isOriginator = (issue: IssueState, caller: IssueCaller) => speaksFor(caller, issue.raisedBy);

/**
 * Why `caller` may not take `action` on the issue now, or null when they may. `hasLevelAbove`:
 * whether the issue's chain goes on above its holder (the top level cannot pass up).
 */
export function refusalOf(
  issue: IssueState,
  caller: IssueCaller,
  action: KeyIssueAction,
  hasLevelAbove: boolean,
): Refusal | null {
  const rule = rules[action];
  if (rule.by === 'holder' && !isHolder(issue, caller)) return { kind: 'not-holder' };
  if (rule.by === 'originator' && !isOriginator(issue, caller)) return { kind: 'not-originator' };
  if (!rule.from.includes(issue.status)) return { kind: 'wrong-status', allowed: rule.from };
  if (action === 'reopen' && issue.reopened >= reopenLimit) return { kind: 'reopened-already' };
  if (action === 'passUp' && !hasLevelAbove) return { kind: 'top-level' };
  return null;
}

/** What the caller may do now (the `may*` flags of a read). */
export const allowedActions = (
  issue: IssueState,
  caller: IssueCaller | null,
  hasLevelAbove: boolean,
): KeyIssueAction[] =>
  caller ? keyIssueActions.filter((a) => refusalOf(issue, caller, a, hasLevelAbove) === null) : [];
