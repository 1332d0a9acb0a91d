import { attachmentModels, serviceAttachments } from '@tradepilot/attachments';
import {
  baseConfigSchema,
  defineService,
  internalAuthConfigSchema,
  auditTrailModel,
} from '@tradepilot/service-kit';
import { stampedReads } from '@tradepilot/tenancy';
import { TimerScheduler, timerModels } from '@tradepilot/timers';
import { z } from 'zod';
import { appliedEventModel } from './applied-event-model';
import { implementationModels } from './implementation/implementation-models';
import { implementationProjection } from './implementation/implementation-projection';
import { nationalAreaModel } from './national-area-model';
import { planInForceProjection } from './plan-in-force-projection';
import { periodTimers } from './period-timers';
import { planVersionModel } from './plan-version-model';
import { reportingPeriodModel } from './reporting-period-model';
import { reportingScheduleModel } from './reporting-schedule-model';
import { supervisedPlanModel } from './supervised-plan-model';
import { reportAttachmentAccess } from './reports/report-attachments';
import { pastProgressReportModel } from './reports/past-report-model';
import {
  movePastReportsWhenAccepted,
  movePastReportsWhenDue,
  pastReportsMigration,
} from './reports/past-reports';
import { progressReportModel } from './reports/report-model';
import { reportOutcomeHandler } from './reports/report-outcome';
import { reportTimelinessModel } from './reports/report-timeliness-model';
import { reportTimelinessProjection } from './reports/report-timeliness-projection';
import { supervisionRouter } from './supervision-router';
import {
  keyIssueHandlers,
  keyIssueMigrations,
  keyIssueModels,
  keyIssueTimerTask,
  moveKeyIssuesWhenResolved,
} from './key-issues/key-issue-registration';
import { assessmentHandlers, assessmentModels } from './assessment/assessment-registration';
import {
  inspectionHandlers,
  inspectionModels,
  rectificationTimerTask,
} from './inspections/inspection-registration';

export const supervisionConfigSchema = baseConfigSchema.extend(internalAuthConfigSchema.shape).extend({
  /**
   * how often the durable schedulers look for reporting periods that open, remind or turn late,
   * and for key issues and rectifications past their dates (30 s: the dates are days)
   */
  SCHEDULER_POLL_MS: z.coerce.number().int().min(50).max(3_600_000).default(30_000),
  /**
   * how far behind their projections the national dashboards may answer: within this time of
   * their last check they answer without reading the projections' stamps
   */
  NATIONAL_READS_STALENESS_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  SCHEDULER_ENABLED: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

/**
 * The supervision service: what each pilot area carries out of its approved plan, period by
 * period (reporting periods, progress reports, implementation rate, key issues, inspections,
 * assessment).
 */
export const supervisionService = defineService({
  name: 'supervision',
  configSchema: supervisionConfigSchema,
  models: [
    supervisedPlanModel,
    planVersionModel,
    nationalAreaModel,
    appliedEventModel,
    auditTrailModel,
    reportingScheduleModel,
    reportingPeriodModel,
    progressReportModel,
    pastProgressReportModel,
    reportTimelinessModel,
    ...keyIssueModels,
    ...assessmentModels,
    ...inspectionModels,
    ...implementationModels,
    ...attachmentModels,
    ...timerModels,
  ],
  setup: (deps) => {
    stampedReads(deps.databases, { checkMs: deps.config.NATIONAL_READS_STALENESS_MS });
    movePastReportsWhenAccepted(deps);
    moveKeyIssuesWhenResolved(deps);
    const attachments = serviceAttachments({
      databases: deps.databases,
      logger: deps.logger,
      access: reportAttachmentAccess(deps),
      now: deps.now,
    });
    return {
      router: supervisionRouter(deps, { deps, attachments: attachments.store }),
      handlers: [
        ...planInForceProjection(deps),
        reportOutcomeHandler(deps),
        movePastReportsWhenDue(deps),
        ...reportTimelinessProjection(deps),
        ...keyIssueHandlers(deps),
        ...inspectionHandlers(deps),
        implementationProjection(deps),
        ...assessmentHandlers(deps),
      ],
      internalRoutes: [attachments.route],
      tasks: [
        pastReportsMigration(deps),
        ...keyIssueMigrations(deps),
        ...(deps.config.SCHEDULER_ENABLED
          ? [
              new TimerScheduler(deps.databases, periodTimers(deps), {
                name: 'period-timers',
                pollMs: deps.config.SCHEDULER_POLL_MS,
                logger: deps.logger,
                now: deps.now,
              }),
              keyIssueTimerTask(deps),
              rectificationTimerTask(deps),
            ]
          : []),
      ],
    };
  },
});
