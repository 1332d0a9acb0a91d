import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';
import type { PlanStatus } from './plan-model';

/**
 * The ministry's row for one pilot area's plan (`plans_national.national_plans`), fed only by the
 * plan events, so the national list reads 28 small documents instead of 21 databases.
 */
export interface NationalPlanRow {
  /** `<round>:<pilotAreaId>`: one row per pilot area and round */
  _id: string;
  planId: string;
  round: number;
  province: string;
  pilotAreaId: string;
  status: PlanStatus;
  /** an amendment is being drafted or decided while `approvedVersion` stays in force */
  amending: boolean;
  approvedVersion: number | null;
  submittedAt: Date | null;
  approvedAt: Date | null;
  /** of the latest submission */
  taskCount: number | null;
  measureCoverage: number | null;
  /** the last plan event applied (events of one plan arrive in order) */
  lastSequence: number;
  updatedAt: Date;
}

const schema = new Schema<NationalPlanRow>(
  {
    _id: { type: String, required: true },
    planId: { type: String, required: true },
    round: { type: Number, required: true },
    province: { type: String, required: true },
    pilotAreaId: { type: String, required: true },
    status: { type: String, required: true },
    amending: { type: Boolean, default: false },
    approvedVersion: { type: Number, default: null },
    submittedAt: { type: Date, default: null },
    approvedAt: { type: Date, default: null },
    taskCount: { type: Number, default: null },
    measureCoverage: { type: Number, default: null },
    lastSequence: { type: Number, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
schema.index({ round: 1, province: 1 });

export const nationalRowId = (round: number, pilotAreaId: string) => `${round}:${pilotAreaId}`;

export const nationalPlanModel = defineModel<NationalPlanRow>({
  name: 'NationalPlan',
  collection: 'national_plans',
  placement: 'national',
  schema,
});
