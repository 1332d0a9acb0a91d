import { measureImplementationStatuses, type MeasureImplementationStatus } from '@tradepilot/contracts';
import { addOutboxFields, type OutboxFields } from '@tradepilot/messaging';
import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';

/**
 * Where a measure stands now in a pilot area (`<round>:<pilotAreaId>:<measureId>`, the aggregate
 * of `measure.status_changed.v1`), from the area's latest accepted period: a change of status
 * and its event are one write. The history per period is in `measure_status_periods`.
 */
export interface MeasureImplementationDocument extends OutboxFields {
  _id: string;
  round: number;
  pilotAreaId: string;
  measureId: string;
  status: MeasureImplementationStatus;
  /** the period whose accepted report set the status */
  periodId: string;
  periodStart: string;
  reportId: string;
  updatedAt: Date;
}

const schema = new Schema<MeasureImplementationDocument>(
  {
    _id: { type: String, required: true },
    round: { type: Number, required: true },
    pilotAreaId: { type: String, required: true },
    measureId: { type: String, required: true },
    status: { type: String, enum: measureImplementationStatuses, required: true },
    periodId: { type: String, required: true },
    periodStart: { type: String, required: true },
    reportId: { type: String, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, minimize: false },
);
addOutboxFields(schema);
schema.index({ round: 1, pilotAreaId: 1 });

export const measureImplementationModel = defineModel<MeasureImplementationDocument>({
  name: 'MeasureImplementation',
  collection: 'measure_implementations',
  placement: 'tenant',
  schema,
  outbox: true,
});

export const measureImplementationId = (round: number, pilotAreaId: string, measureId: string) =>
  `${round}:${pilotAreaId}:${measureId}`;
