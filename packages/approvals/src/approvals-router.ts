import { mergeRouters, type ServiceDeps } from '@tradepilot/service-kit';
import { adminRouter } from './admin-router';
import type { ApprovalsRepository } from './approvals-repository';
import type { CalendarSource } from './calendar-source';
import { caseRouter } from './case-router';
import type { ProvinceSummaryCache } from './province-summary-cache';

export const approvalsRouter = (
  deps: ServiceDeps,
  repository: ApprovalsRepository,
  calendars: CalendarSource,
  summaries: ProvinceSummaryCache,
) =>
  mergeRouters(
    caseRouter(deps, repository, calendars, summaries),
    adminRouter(deps, repository, calendars, summaries),
  );

export type ApprovalsRouter = ReturnType<typeof approvalsRouter>;
