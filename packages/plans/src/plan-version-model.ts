import type { MeasureCoverage } from '@tradepilot/contracts';
import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';
import {
  explanationSchema,
  periodSchema,
  signOffSchema,
  taskSchema,
  type PlanContent,
  type SignOff,
} from './plan-model';

/**
 * The plan as one submission froze it (`plans_<province>.plan_versions`). Written before the
 * submission commits, keyed by plan and submission number; never changed once that submission
 * committed.
 */
export interface PlanVersionDocument extends PlanContent {
  _id: string;
  planId: string;
  pilotAreaId: string;
  submission: number;
  /** the plan's version that was frozen */
  planVersion: number;
  signOffs: SignOff[];
  measureCoverage: MeasureCoverage;
  frozenAt: Date;
}

export const planVersionId = (planId: string, submission: number) => `${planId}:${submission}`;

const planVersionSchema = new Schema<PlanVersionDocument>(
  {
    _id: { type: String, required: true },
    planId: { type: String, required: true },
    pilotAreaId: { type: String, required: true },
    submission: { type: Number, required: true },
    planVersion: { type: Number, required: true },
    title: { 'zh-CN': { type: String, required: true }, en: { type: String, default: '' } },
    period: { type: periodSchema, default: null },
    tasks: { type: [taskSchema], default: [] },
    coverageExplanations: { type: [explanationSchema], default: [] },
    signOffs: { type: [signOffSchema], default: [] },
    measureCoverage: { applicable: Number, covered: Number, percent: Number },
    frozenAt: { type: Date, required: true },
  },
  { versionKey: false },
);
planVersionSchema.index({ planId: 1, submission: 1 });

export const planVersionModel = defineModel<PlanVersionDocument>({
  name: 'PlanVersion',
  collection: 'plan_versions',
  placement: 'tenant',
  schema: planVersionSchema,
});
