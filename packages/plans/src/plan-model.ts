import type {
  LocalizedText,
  MeasureCoverage,
  PlanPeriod,
  PlanTask,
  SignOffParty,
} from '@tradepilot/contracts';
import { addOutboxFields, type OutboxFields } from '@tradepilot/messaging';
import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';

export const planStatuses = [
  'drafting',
  'submitted',
  'returned',
  'approved',
  'implementing',
  'closed',
] as const;
export type PlanStatus = (typeof planStatuses)[number];

/** Why a measure applicable to the pilot area is covered by no task. */
export interface CoverageExplanation {
  measureId: string;
  explanation: string;
}

/** A party's sign-off of the plan as it was at `planVersion`. */
export interface SignOff {
  parties: SignOffParty[];
  userId: string;
  role: string;
  organisationId: string | null;
  signedAt: Date;
  planVersion: number;
}

export type SubmissionOutcome = 'pending' | 'approved' | 'returned' | 'rejected';

/** One submission of the plan and what the approver decided. */
export interface SubmissionRecord {
  submission: number;
  submittedAt: Date;
  submittedBy: string;
  amendment: boolean;
  taskCount: number;
  measureCoverage: MeasureCoverage;
  outcome: SubmissionOutcome;
  reason: string | null;
  caseId: string | null;
  decidedAt: Date | null;
  decidedBy: string | null;
}

/** An amendment under way: the approved version stays in force meanwhile. */
export interface AmendmentInProgress {
  startedAt: Date;
  startedBy: string;
  reason: string;
  /** the status the plan returns to when the amendment is approved */
  resumeStatus: 'approved' | 'implementing';
}

/** The content of a plan that drafting edits and a submission freezes. */
export interface PlanContent {
  title: LocalizedText;
  period: PlanPeriod | null;
  tasks: PlanTask[];
  coverageExplanations: CoverageExplanation[];
}

/**
 * An implementation plan in its province's database (`plans_<province>`). Its audit log
 * (`plan_audit`) and the decisions it applied (`applied_events`) live in their own collections.
 */
export interface PlanDocument extends OutboxFields, PlanContent {
  _id: string;
  round: number;
  pilotAreaId: string;
  status: PlanStatus;
  /** how many tasks the plan has now: the list shows it without reading the tasks */
  taskCount: number;
  /** submissions so far; the next submission's number is this + 1 */
  submission: number;
  submissions: SubmissionRecord[];
  signOffs: SignOff[];
  /** the approved submission in force, if any */
  inForce: { submission: number; approvedAt: Date } | null;
  amendment: AmendmentInProgress | null;
  returnReason: string | null;
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
  updatedBy: string;
  submittedAt: Date | null;
  approvedAt: Date | null;
  closedAt: Date | null;
}

const localizedText = { 'zh-CN': { type: String, required: true }, en: { type: String, default: '' } };

export const taskSchema = new Schema<PlanTask>(
  {
    id: { type: String, required: true },
    measureIds: { type: [String], default: [] },
    description: { type: String, required: true },
    leadUnit: { type: String, required: true },
    supportingUnits: { type: [String], default: [] },
    milestones: { type: [{ _id: false, title: String, due: String }], default: [] },
    kpis: {
      type: [{ _id: false, name: String, unit: String, baseline: Number, target: Number, due: String }],
      default: [],
    },
    keyProgram: { type: Boolean, default: false },
  },
  { _id: false },
);

export const periodSchema = new Schema<PlanPeriod>({ start: String, end: String }, { _id: false });
export const explanationSchema = new Schema<CoverageExplanation>(
  { measureId: String, explanation: String },
  { _id: false },
);
export const signOffSchema = new Schema<SignOff>(
  {
    parties: [String],
    userId: String,
    role: String,
    organisationId: { type: String, default: null },
    signedAt: Date,
    planVersion: Number,
  },
  { _id: false },
);
const coverageSchema = { applicable: Number, covered: Number, percent: Number };

const submissionSchema = new Schema<SubmissionRecord>(
  {
    submission: Number,
    submittedAt: Date,
    submittedBy: String,
    amendment: Boolean,
    taskCount: Number,
    measureCoverage: coverageSchema,
    outcome: String,
    reason: { type: String, default: null },
    caseId: { type: String, default: null },
    decidedAt: { type: Date, default: null },
    decidedBy: { type: String, default: null },
  },
  { _id: false },
);

/** A plan's schema and indexes: the same for current plans and closed ones (`closed_plans`). */
export const planSchema = () => {
  const schema = addOutboxFields(
    new Schema<PlanDocument>(
      {
        _id: { type: String, required: true },
        round: { type: Number, required: true },
        pilotAreaId: { type: String, required: true },
        title: localizedText,
        period: { type: periodSchema, default: null },
        status: { type: String, enum: planStatuses, required: true },
        taskCount: { type: Number, required: true },
        submission: { type: Number, required: true, default: 0 },
        submissions: { type: [submissionSchema], default: [] },
        tasks: { type: [taskSchema], default: [] },
        coverageExplanations: { type: [explanationSchema], default: [] },
        signOffs: { type: [signOffSchema], default: [] },
        inForce: {
          type: new Schema({ submission: Number, approvedAt: Date }, { _id: false }),
          default: null,
        },
        amendment: {
          type: new Schema(
            { startedAt: Date, startedBy: String, reason: String, resumeStatus: String },
            { _id: false },
          ),
          default: null,
        },
        returnReason: { type: String, default: null },
        createdAt: { type: Date, required: true },
        createdBy: { type: String, required: true },
        updatedAt: { type: Date, required: true },
        updatedBy: { type: String, required: true },
        submittedAt: { type: Date, default: null },
        approvedAt: { type: Date, default: null },
        closedAt: { type: Date, default: null },
      },
      { versionKey: false },
    ),
  );
  // one plan per pilot area per round (creation also looks in `closed_plans`: PlanRepository.planOfRound)
  schema.index({ pilotAreaId: 1, round: 1 }, { unique: true });
  // the list's pages, newest change first (keyset on updatedAt, _id), by status and by pilot area
  schema.index({ status: 1, updatedAt: -1, _id: -1 });
  schema.index({ pilotAreaId: 1, status: 1, updatedAt: -1, _id: -1 });
  return schema;
};

export const planModel = defineModel<PlanDocument>({
  name: 'Plan',
  collection: 'plans',
  placement: 'tenant',
  outbox: true,
  schema: planSchema(),
});
