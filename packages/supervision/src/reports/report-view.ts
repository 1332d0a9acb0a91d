import type { PlanTask, ReportTimeliness } from '@tradepilot/contracts';
import type { ReportingPeriodDocument } from '../reporting-period-model';
import type { ProgressReportDocument, ReportEntry, ReportStatus } from './report-model';

export interface ReportTaskView {
  task: PlanTask;
  /** null while the task is not reported yet */
  entry: ReportEntry | null;
}

export interface ProgressReportView {
  reportId: string;
  pilotAreaId: string;
  periodId: string;
  round: number;
  due: string;
  /** the ministry's exception: the report reopened after the due date, with a due date of its own */
  exception: { reason: string; due: string; grantedAt: string; grantedBy: string } | null;
  planSubmission: number;
  /** 0 while the report has not been started (the first save creates it) */
  version: number;
  status: ReportStatus;
  submission: number;
  caseId: string | null;
  returnReason: string | null;
  submittedAt: string | null;
  acceptedAt: string | null;
  timeliness: ReportTimeliness | null;
  tasks: ReportTaskView[];
  /** the tasks without an entry: the report cannot be submitted while any is left */
  missingTaskIds: string[];
  updatedAt: string | null;
  updatedBy: string | null;
}

export function reportView(
  report: ProgressReportDocument | null,
  context: { reportId: string; pilotAreaId: string; period: ReportingPeriodDocument },
  plan: { submission: number; tasks: PlanTask[] },
): ProgressReportView {
  const entries = report?.entries ?? [];
  const tasks = plan.tasks.map((task) => ({
    task,
    entry: entries.find((e) => e.taskId === task.id) ?? null,
  }));
  return {
    reportId: context.reportId,
    pilotAreaId: context.pilotAreaId,
    periodId: context.period._id,
    round: context.period.round,
    due: report?.due ?? context.period.due,
    exception: report?.exception
      ? { ...report.exception, grantedAt: report.exception.grantedAt.toISOString() }
      : null,
    planSubmission: plan.submission,
    version: report?.version ?? 0,
    status: report?.status ?? 'draft',
    submission: report?.submission ?? 0,
    caseId: report?.caseId ?? null,
    returnReason: report?.returnReason ?? null,
    submittedAt: report?.submittedAt?.toISOString() ?? null,
    acceptedAt: report?.acceptedAt?.toISOString() ?? null,
    timeliness: report?.timeliness ?? null,
    tasks,
    missingTaskIds: tasks.filter((t) => !t.entry).map((t) => t.task.id),
    updatedAt: report?.updatedAt.toISOString() ?? null,
    updatedBy: report?.updatedBy ?? null,
  };
}
