import type { ReportTimeliness } from '@tradepilot/contracts';
import { addOutboxFields, type OutboxFields } from '@tradepilot/messaging';
import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';

/** draft → submitted → accepted; a return reopens the draft (status returned) for a resubmission. */
export const reportStatuses = ['draft', 'submitted', 'returned', 'accepted'] as const;
export type ReportStatus = (typeof reportStatuses)[number];
export const editableReportStatuses: readonly ReportStatus[] = ['draft', 'returned'];

export const taskProgressStatuses = ['not_started', 'in_progress', 'implemented', 'blocked'] as const;
export type TaskProgressStatus = (typeof taskProgressStatuses)[number];

export interface KpiActual {
  name: string;
  actual: number;
}

export interface EvidenceRef {
  id: string;
  filename: string;
  contentType: string;
  size: number;
}

/**
 * What the pilot area reports on one task of the plan version in force for the period: its
 * progress, or "nothing to report this period" with a reason.
 */
export interface ReportEntry {
  taskId: string;
  nothingToReport: boolean;
  /** null when there is nothing to report */
  status: TaskProgressStatus | null;
  narrative: string;
  kpiActuals: KpiActual[];
  milestonesDone: string[];
  evidence: EvidenceRef[];
  /** why there is nothing to report (empty otherwise) */
  reason: string;
}

/**
 * The ministry's exception for one pilot area: its report reopened after the period's due date
 * (or lock), for a stated reason, with a due date of its own.
 */
export interface ReportException {
  reason: string;
  due: string;
  grantedAt: Date;
  grantedBy: string;
}

/**
 * A pilot area's progress report for one reporting period (`<periodId>:<pilotAreaId>`, one per
 * area and period) in `supervision_<province>.progress_reports`. Its entries are bounded by the
 * tasks of the plan version it reports on; the audit trail and applied events live elsewhere.
 */
export interface ProgressReportDocument extends OutboxFields {
  _id: string;
  periodId: string;
  round: number;
  pilotAreaId: string;
  /** the plan version (its submission number) in force for the period */
  planSubmission: number;
  /** the tasks of that version, in the plan's order */
  taskIds: string[];
  entries: ReportEntry[];
  status: ReportStatus;
  /** submissions so far (the approvals case's subject version) */
  submission: number;
  caseId: string | null;
  returnReason: string | null;
  /** the period's due date when the report was started, or the exception's */
  due: string;
  /** the latest exception granted to this report, if any */
  exception: ReportException | null;
  firstSubmittedAt: Date | null;
  submittedAt: Date | null;
  acceptedAt: Date | null;
  /** set at the first submission: whether the area delivered by the due date */
  timeliness: ReportTimeliness | null;
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
  updatedBy: string;
}

const entrySchema = new Schema<ReportEntry>(
  {
    taskId: String,
    nothingToReport: Boolean,
    status: { type: String, default: null },
    narrative: { type: String, default: '' },
    kpiActuals: { type: [{ _id: false, name: String, actual: Number }], default: [] },
    milestonesDone: { type: [String], default: [] },
    evidence: {
      type: [{ _id: false, id: String, filename: String, contentType: String, size: Number }],
      default: [],
    },
    reason: { type: String, default: '' },
  },
  { _id: false },
);

/** The report's schema (a new one per call: the current reports and the past ones each get their own). */
export function progressReportSchema(): Schema<ProgressReportDocument> {
  const schema = new Schema<ProgressReportDocument>(
    {
      _id: { type: String, required: true },
      periodId: { type: String, required: true },
      round: { type: Number, required: true },
      pilotAreaId: { type: String, required: true },
      planSubmission: { type: Number, required: true },
      taskIds: { type: [String], default: [] },
      entries: { type: [entrySchema], default: [] },
      status: { type: String, enum: reportStatuses, required: true },
      submission: { type: Number, default: 0 },
      caseId: { type: String, default: null },
      returnReason: { type: String, default: null },
      due: { type: String, required: true },
      exception: {
        type: new Schema({ reason: String, due: String, grantedAt: Date, grantedBy: String }, { _id: false }),
        default: null,
      },
      firstSubmittedAt: { type: Date, default: null },
      submittedAt: { type: Date, default: null },
      acceptedAt: { type: Date, default: null },
      timeliness: {
        type: new Schema({ status: String, daysLate: Number }, { _id: false }),
        default: null,
      },
      createdAt: { type: Date, required: true },
      createdBy: { type: String, required: true },
      updatedAt: { type: Date, required: true },
      updatedBy: { type: String, required: true },
    },
    { versionKey: false, minimize: false },
  );
  addOutboxFields(schema);
  schema.index({ periodId: 1 });
  return schema;
}

/**
 * The reports of the current periods, and of past ones until accepted and published: once its
 * period is past due, an accepted report moves to `past_progress_reports` (past-reports.ts).
 */
export const progressReportModel = defineModel<ProgressReportDocument>({
  name: 'ProgressReport',
  collection: 'progress_reports',
  placement: 'tenant',
  schema: progressReportSchema(),
  outbox: true,
});

export const progressReportId = (periodId: string, pilotAreaId: string) => `${periodId}:${pilotAreaId}`;
