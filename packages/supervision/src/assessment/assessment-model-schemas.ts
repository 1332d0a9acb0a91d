import { Schema } from 'mongoose';
import { indicatorSources, type AssessmentIndicator } from './assessment-framework';

const localized = { 'zh-CN': { type: String, required: true }, en: { type: String, default: '' } };

/** An indicator as stored in a framework and in the snapshot a run keeps of it. */
export const indicatorSchema = new Schema<AssessmentIndicator>(
  {
    id: { type: String, required: true },
    name: localized,
    weight: { type: Number, required: true },
    source: { type: String, enum: indicatorSources, required: true },
    rule: { type: Schema.Types.Mixed, default: null },
  },
  { _id: false, minimize: false },
);

export const localizedTextField = localized;
