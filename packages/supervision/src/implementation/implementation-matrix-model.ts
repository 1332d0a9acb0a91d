import { measureImplementationStatuses, type MeasureImplementationStatus } from '@tradepilot/contracts';
import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';

/** One cell of the ministry's matrix: a measure's status in the area. */
export interface MatrixCell {
  measureId: string;
  taskGroupId: string;
  responsibleDepartments: string[];
  status: MeasureImplementationStatus;
}

/**
 * The ministry's matrix row of one pilot area for one period (`<round>:<periodId>:<pilotAreaId>`)
 * in `supervision_national.implementation_matrix`, kept from the report events beside the rate
 * row (apart, so the rate reads stay small): its cells are bounded by the measures applicable to
 * the area.
 */
export interface ImplementationMatrixRow {
  _id: string;
  round: number;
  periodId: string;
  periodStart: string;
  province: string;
  pilotAreaId: string;
  applicable: number;
  implemented: number;
  measures: MatrixCell[];
  reportSequence: number;
  updatedAt: Date;
}

const schema = new Schema<ImplementationMatrixRow>(
  {
    _id: { type: String, required: true },
    round: { type: Number, required: true },
    periodId: { type: String, required: true },
    periodStart: { type: String, required: true },
    province: { type: String, required: true },
    pilotAreaId: { type: String, required: true },
    applicable: { type: Number, required: true },
    implemented: { type: Number, required: true },
    measures: {
      type: [
        {
          _id: false,
          measureId: String,
          taskGroupId: String,
          responsibleDepartments: [String],
          status: { type: String, enum: measureImplementationStatuses },
        },
      ],
      default: [],
    },
    reportSequence: { type: Number, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, minimize: false },
);
schema.index({ round: 1, periodId: 1 });

export const implementationMatrixModel = defineModel<ImplementationMatrixRow>({
  name: 'ImplementationMatrix',
  collection: 'implementation_matrix',
  placement: 'national',
  schema,
});
