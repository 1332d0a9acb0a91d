import type { LocalizedText } from '@tradepilot/contracts';
import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';
import type { AssessmentIndicator } from './assessment-framework';
import { indicatorSchema, localizedTextField } from './assessment-model-schemas';

/**
 * The ministry's assessment framework (`supervision_national.assessment_frameworks`, `_id` = the
 * framework id, e.g. `2020-annual`) of one round: its indicators, weights and rules as data,
 * saved on the version it was read at; each save is a line in the audit trail. A run keeps a
 * copy of the version it scored with, so a later save never changes a run.
 */
export interface AssessmentFrameworkDocument {
  _id: string;
  round: number;
  name: LocalizedText;
  indicators: AssessmentIndicator[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string;
}

const schema = new Schema<AssessmentFrameworkDocument>(
  {
    _id: { type: String, required: true },
    round: { type: Number, required: true },
    name: localizedTextField,
    indicators: { type: [indicatorSchema], default: [] },
    version: { type: Number, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    updatedBy: { type: String, required: true },
  },
  { versionKey: false, minimize: false },
);
schema.index({ round: 1 });

export const assessmentFrameworkModel = defineModel<AssessmentFrameworkDocument>({
  name: 'AssessmentFramework',
  collection: 'assessment_frameworks',
  placement: 'national',
  schema,
});
