import { procedure, router, type ServiceDeps } from '@tradepilot/service-kit';
import type { ReportDeps } from './reports/report-drafting';
import { reportRouter } from './reports/report-router';
import { implementationProcedures } from './implementation/implementation-router';
import { implementationNationalSummary } from './national-implementation';
import { keyIssueRouter } from './key-issues/key-issue-router';
import { assessmentRouter } from './assessment/assessment-router';
import { inspectionRouter } from './inspections/inspection-router';
import { supervisedPlan, supervisedPlanList } from './supervised-plans';
import { listPeriods, lockPeriod } from './reporting-periods';
import { saveReportingSchedule, scheduleView } from './reporting-schedule-commands';
import { readReportingSchedule } from './reporting-schedule-reads';
import {
  nationalSummaryInput,
  periodListInput,
  periodLockInput,
  reportingScheduleGetInput,
  reportingScheduleSaveInput,
  supervisedPlanGetInput,
  supervisedPlanListInput,
} from './supervision-inputs';

export function supervisionRouter(deps: ServiceDeps, reports: ReportDeps) {
  return router({
    report: reportRouter(reports),
    keyIssue: keyIssueRouter(deps),
    assessment: assessmentRouter(deps),
    inspection: inspectionRouter(deps, reports.attachments),
    supervisedPlan: router({
      get: procedure
        .input(supervisedPlanGetInput)
        .query(({ ctx, input }) => supervisedPlan(deps, ctx, input)),
      list: procedure
        .input(supervisedPlanListInput)
        .query(({ ctx, input }) => supervisedPlanList(deps, ctx, input)),
    }),
    reportingSchedule: router({
      /** the ministry sets a round's schedule as data: frequency, range, due and reminder days */
      save: procedure
        .input(reportingScheduleSaveInput)
        .mutation(({ ctx, input }) => saveReportingSchedule(deps, ctx, input)),
      get: procedure
        .input(reportingScheduleGetInput)
        .query(async ({ input }) => scheduleView(deps, await readReportingSchedule(deps, input.round))),
    }),
    period: router({
      list: procedure.input(periodListInput).query(({ input }) => listPeriods(deps, input)),
      lock: procedure.input(periodLockInput).mutation(({ ctx, input }) => lockPeriod(deps, ctx, input)),
    }),
    implementation: router({
      nationalSummary: procedure
        .input(nationalSummaryInput)
        .query(({ input }) => implementationNationalSummary(deps, input)),
      ...implementationProcedures(deps),
    }),
  });
}

export type SupervisionRouter = ReturnType<typeof supervisionRouter>;
