import type { ServiceDeps } from '@tradepilot/service-kit';
import { TimerScheduler } from '@tradepilot/timers';
import { keyIssueIndexModel } from './key-issue-index-model';
import { keyIssueIndexProjection } from './key-issue-index-projection';
import { keyIssueModel } from './key-issue-model';
import { keyIssueTimers } from './key-issue-timers';
import { openKeyIssueIndexMigration } from './open-key-issue-index';
import { openKeyIssueIndexModel } from './open-key-issue-index-model';
import { resolvedKeyIssueModel } from './resolved-key-issue-model';
import { moveResolvedKeyIssuesWhenDrained, resolvedKeyIssuesMigration } from './resolved-key-issues';

/**
 * What the service registers for key issues: their collections (current and resolved), the
 * national index (full and open), the SLA timers, and the moves of resolved issues.
 */
export const keyIssueModels = [
  keyIssueModel,
  resolvedKeyIssueModel,
  keyIssueIndexModel,
  openKeyIssueIndexModel,
];

export const keyIssueHandlers = (deps: ServiceDeps) => keyIssueIndexProjection(deps);

/** Once at setup: a resolved issue moves as soon as the relay has published its resolution. */
export const moveKeyIssuesWhenResolved = (deps: ServiceDeps) => moveResolvedKeyIssuesWhenDrained(deps);

/** At start: resolved issues left in `key_issues`, open index rows the index holds only in full. */
export const keyIssueMigrations = (deps: ServiceDeps) => [
  resolvedKeyIssuesMigration(deps),
  openKeyIssueIndexMigration(deps),
];

export const keyIssueTimerTask = (deps: ServiceDeps & { config: { SCHEDULER_POLL_MS: number } }) =>
  new TimerScheduler(deps.databases, keyIssueTimers(deps), {
    name: 'key-issue-timers',
    pollMs: deps.config.SCHEDULER_POLL_MS,
    logger: deps.logger,
    now: deps.now,
  });
