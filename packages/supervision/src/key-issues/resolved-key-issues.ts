import { issueResolvedV1 } from '@tradepilot/contracts';
import {
  moveAllSettled,
  moveSettledWhenDrained,
  startupMigrationTask,
  type SettledDocuments,
} from '@tradepilot/messaging';
import type { ServiceDeps } from '@tradepilot/service-kit';
import { keyIssueModel } from './key-issue-model';
import { resolvedKeyIssueModel } from './resolved-key-issue-model';

/**
 * A resolved issue leaves `key_issues`, which the relay sweeps and the SLA timers and the lists
 * of what is open scan, for `resolved_key_issues` once its resolution is published. Only its
 * originator's one reopen changes it again: the reopen restores it first (key-issue-commands.ts).
 */
export const resolvedKeyIssues: SettledDocuments = {
  from: keyIssueModel,
  to: resolvedKeyIssueModel,
  settled: { status: 'resolved' },
  // the only event that leaves an issue resolved
  finalEvents: [issueResolvedV1.type],
};

/** A resolved issue moves as soon as the relay has published its resolution. */
export const moveResolvedKeyIssuesWhenDrained = (deps: Pick<ServiceDeps, 'relay' | 'databases' | 'now'>) =>
  moveSettledWhenDrained(deps.relay, deps.databases, resolvedKeyIssues, deps.now);

/** At start: what a crash or an outage left behind, and issues resolved before the move existed. */
export const resolvedKeyIssuesMigration = (deps: Pick<ServiceDeps, 'logger' | 'databases' | 'now'>) =>
  startupMigrationTask(
    'resolved-key-issues',
    () => moveAllSettled(deps.databases, resolvedKeyIssues, deps.now()),
    deps.logger,
    'moved resolved key issues out of the current ones',
  );
