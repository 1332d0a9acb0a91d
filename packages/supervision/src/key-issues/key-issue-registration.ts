import type { ServiceDeps } from '@tradepilot/service-kit';
import { TimerScheduler } from '@tradepilot/timers';
import { keyIssueIndexModel } from './key-issue-index-model';
import { keyIssueIndexProjection } from './key-issue-index-projection';
import { keyIssueModel } from './key-issue-model';
import { keyIssueTimers } from './key-issue-timers';

/** What the service registers for key issues: their collections, the national index, the SLA timers. */
export const keyIssueModels = [keyIssueModel, keyIssueIndexModel];

export const keyIssueHandlers = (deps: ServiceDeps) => keyIssueIndexProjection(deps);

export const keyIssueTimerTask = (deps: ServiceDeps & { config: { SCHEDULER_POLL_MS: number } }) =>
  new TimerScheduler(deps.databases, keyIssueTimers(deps), {
    name: 'key-issue-timers',
    pollMs: deps.config.SCHEDULER_POLL_MS,
    logger: deps.logger,
    now: deps.now,
  });
