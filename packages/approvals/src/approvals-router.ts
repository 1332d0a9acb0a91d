import { mergeRouters, type ServiceDeps } from '@tradepilot/service-kit';
import { adminRouter } from './admin-router';
import type { ApprovalsRepository } from './approvals-repository';
import type { CalendarSource } from './calendar-source';
import { caseRouter } from './case-router';

export const approvalsRouter = (
  deps: ServiceDeps,
  repository: ApprovalsRepository,
  calendars: CalendarSource,
) => mergeRouters(caseRouter(deps, repository, calendars), adminRouter(deps, repository, calendars));

export type ApprovalsRouter = ReturnType<typeof approvalsRouter>;
