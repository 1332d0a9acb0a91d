import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';

export const supervisedPlanStatuses = ['approved', 'implementing', 'amending', 'closed'] as const;
export type SupervisedPlanStatus = (typeof supervisedPlanStatuses)[number];

/**
 * A pilot area's implementation plan as supervision follows it, one per area and round
 * (`<round>:<pilotAreaId>`): which approved version is in force and where the plan stands.
 * The tasks of each version are in `plan_versions`.
 */
export interface SupervisedPlanDocument {
  _id: string;
  planId: string;
  round: number;
  pilotAreaId: string;
  status: SupervisedPlanStatus;
  inForceSubmission: number;
  approvedAt: Date;
  /** the plan event last applied: older or redelivered ones change nothing */
  lastSequence: number;
  updatedAt: Date;
}

const schema = new Schema<SupervisedPlanDocument>(
  {
    _id: { type: String, required: true },
    planId: { type: String, required: true },
    round: { type: Number, required: true },
    pilotAreaId: { type: String, required: true },
    status: { type: String, enum: supervisedPlanStatuses, required: true },
    inForceSubmission: { type: Number, required: true },
    approvedAt: { type: Date, required: true },
    lastSequence: { type: Number, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
schema.index({ round: 1, pilotAreaId: 1 });

export const supervisedPlanModel = defineModel<SupervisedPlanDocument>({
  name: 'SupervisedPlan',
  collection: 'supervised_plans',
  placement: 'tenant',
  schema,
});

export const supervisedPlanId = (round: number, pilotAreaId: string) => `${round}:${pilotAreaId}`;
