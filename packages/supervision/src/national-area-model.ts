import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';
import { supervisedPlanStatuses, type SupervisedPlanStatus } from './supervised-plan-model';

/**
 * The ministry's row of one pilot area in one round (`<round>:<pilotAreaId>`) in
 * `supervision_national`, kept from events so national reads never scan the provinces.
 */
export interface NationalAreaRow {
  _id: string;
  round: number;
  province: string;
  pilotAreaId: string;
  planStatus: SupervisedPlanStatus;
  inForceSubmission: number;
  taskCount: number;
  plannedMeasures: number;
  /** the day its first version was approved (China): periods ending before it expect no report */
  firstApprovedOn?: string;
  lastSequence: number;
  updatedAt: Date;
}

const schema = new Schema<NationalAreaRow>(
  {
    _id: { type: String, required: true },
    round: { type: Number, required: true },
    province: { type: String, required: true },
    pilotAreaId: { type: String, required: true },
    planStatus: { type: String, enum: supervisedPlanStatuses, required: true },
    inForceSubmission: { type: Number, required: true },
    taskCount: { type: Number, required: true },
    plannedMeasures: { type: Number, required: true },
    firstApprovedOn: { type: String },
    lastSequence: { type: Number, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
schema.index({ round: 1, province: 1 });

/** The stamp of `national_areas` (projection-stamps): renewed after every write to it. */
export const nationalAreasStamp = 'national_areas';

export const nationalAreaModel = defineModel<NationalAreaRow>({
  name: 'NationalArea',
  collection: 'national_areas',
  placement: 'national',
  schema,
});
