import type { LocalizedText } from '@tradepilot/contracts';
import { addOutboxFields, type OutboxFields } from '@tradepilot/messaging';
import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';
import type { AssessmentIndicator } from './assessment-framework';
import { indicatorSchema, localizedTextField } from './assessment-model-schemas';

export const assessmentRunStatuses = ['draft', 'published'] as const;
export type AssessmentRunStatus = (typeof assessmentRunStatuses)[number];

/**
 * One run of a framework (`supervision_national.assessment_runs`, `_id` = a UUID): the framework
 * version it scored with (a copy of its indicators), its number among the framework's runs, and
 * whether it is still a draft (manual scores accepted) or published (frozen for good). The
 * per-area results are documents of their own (`assessment_results`); the audit trail too.
 */
export interface AssessmentRunDocument extends OutboxFields {
  _id: string;
  frameworkId: string;
  frameworkVersion: number;
  round: number;
  /** 1, 2, … per framework */
  runVersion: number;
  name: LocalizedText;
  indicators: AssessmentIndicator[];
  status: AssessmentRunStatus;
  areaCount: number;
  computedAt: Date;
  computedBy: string;
  publishedAt: Date | null;
  publishedBy: string | null;
  updatedAt: Date;
}

const schema = new Schema<AssessmentRunDocument>(
  {
    _id: { type: String, required: true },
    frameworkId: { type: String, required: true },
    frameworkVersion: { type: Number, required: true },
    round: { type: Number, required: true },
    runVersion: { type: Number, required: true },
    name: localizedTextField,
    indicators: { type: [indicatorSchema], default: [] },
    status: { type: String, enum: assessmentRunStatuses, required: true },
    areaCount: { type: Number, required: true },
    computedAt: { type: Date, required: true },
    computedBy: { type: String, required: true },
    publishedAt: { type: Date, default: null },
    publishedBy: { type: String, default: null },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, minimize: false },
);
addOutboxFields(schema);
// two runs started at once cannot take the same number
schema.index({ frameworkId: 1, runVersion: 1 }, { unique: true });
schema.index({ round: 1 });

export const assessmentRunModel = defineModel<AssessmentRunDocument>({
  name: 'AssessmentRun',
  collection: 'assessment_runs',
  placement: 'national',
  schema,
  outbox: true,
});
