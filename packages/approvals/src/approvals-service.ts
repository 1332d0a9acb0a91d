import { baseConfigSchema, defineService, internalAuthConfigSchema } from '@tradepilot/service-kit';
import { moveSettledWhenDrained } from '@tradepilot/messaging';
import { TimerScheduler } from '@tradepilot/timers';
import { z } from 'zod';
import { applicationArraysMigration } from './application-arrays-migration';
import { applicationOutcome } from './application-outcome';
import { allModels, ApprovalsRepository } from './approvals-repository';
import { approvalsRouter } from './approvals-router';
import { CalendarSource } from './calendar-source';
import { caseIndexProjection } from './case-index-projection';
import { closedCaseIndexMigration } from './closed-case-index-migration';
import { caseRequestHandlers } from './case-requests';
import { caseTimers } from './case-timers';
import { decidedCases, decidedCasesMigration } from './decided-cases';
import { nationalSummaryProjection } from './national-summary-projection';
import { ProvinceSummaryCache } from './province-summary-cache';

export const approvalsConfigSchema = baseConfigSchema.extend(internalAuthConfigSchema.shape).extend({
  /**
   * how often the durable scheduler looks for reminders and escalations that are due (30 s):
   * deadlines are working days, and on FerretDB each look scans every province's cases
   */
  SCHEDULER_POLL_MS: z.coerce.number().int().min(50).max(3_600_000).default(30_000),
  SCHEDULER_ENABLED: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

/** The approvals service: one engine for every multi-level sign-off. */
export const approvalsService = defineService({
  name: 'approvals',
  configSchema: approvalsConfigSchema,
  models: allModels,
  setup: async (deps) => {
    const repository = new ApprovalsRepository(deps.databases);
    const calendars = new CalendarSource(repository, deps.now, deps.logger);
    await calendars.seedSample();
    const summaries = new ProvinceSummaryCache(repository, deps.logger);
    // a closed case leaves `cases` as soon as the relay has published its completion
    moveSettledWhenDrained(deps.relay, deps.databases, decidedCases);
    const scheduler = new TimerScheduler(deps.databases, caseTimers(deps, repository), {
      name: 'timers',
      pollMs: deps.config.SCHEDULER_POLL_MS,
      logger: deps.logger,
      now: deps.now,
    });
    return {
      router: approvalsRouter(deps, repository, calendars, summaries),
      // the consumer runs every handler of an event type, in this order
      handlers: [
        ...caseRequestHandlers(deps, repository, calendars),
        ...caseIndexProjection(repository),
        applicationOutcome(deps, repository, calendars),
        ...nationalSummaryProjection(repository, deps.now, summaries),
      ],
      tasks: [
        applicationArraysMigration(deps),
        closedCaseIndexMigration(deps, repository),
        decidedCasesMigration(deps),
        ...(deps.config.SCHEDULER_ENABLED ? [scheduler] : []),
      ],
    };
  },
});
