import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';
import type { PracticeContent } from './practice-model';

/**
 * A practice whose case completed approved, as it was recommended
 * (`practices_national.recommended_practices`, one small document per case): the pool the
 * ministry composes batches from. Written by the service that owns the practice, keyed by it.
 */
export interface RecommendedPracticeDocument extends PracticeContent {
  _id: string;
  province: string;
  pilotAreaId: string;
  submission: number;
  caseId: string;
  recommendedAt: Date;
  /** the batch it was put in, once the ministry does */
  batchId: string | null;
}

const schema = new Schema<RecommendedPracticeDocument>(
  {
    _id: { type: String, required: true },
    province: { type: String, required: true },
    pilotAreaId: { type: String, required: true },
    title: { 'zh-CN': { type: String, required: true }, en: { type: String, default: '' } },
    coAuthors: { type: [{ _id: false, pilotAreaId: String, province: String }], default: [] },
    taskGroupId: { type: String, default: null },
    measureIds: { type: [String], default: [] },
    practice: { type: String, default: '' },
    results: { type: String, default: '' },
    figures: { type: [{ _id: false, label: String, value: Number, unit: String }], default: [] },
    replicationConditions: { type: String, default: '' },
    tags: { type: [String], default: [] },
    attachments: {
      type: [{ _id: false, id: String, filename: String, contentType: String, size: Number }],
      default: [],
    },
    contactUnit: {
      type: new Schema({ name: String, phone: String, email: String }, { _id: false }),
      default: null,
    },
    submission: { type: Number, required: true },
    caseId: { type: String, required: true },
    recommendedAt: { type: Date, required: true },
    batchId: { type: String, default: null },
  },
  { versionKey: false, minimize: false },
);

export const recommendedPracticeModel = defineModel<RecommendedPracticeDocument>({
  name: 'RecommendedPractice',
  collection: 'recommended_practices',
  placement: 'national',
  schema,
});
