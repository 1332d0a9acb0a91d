import { measureImplementationStatuses, type MeasureImplementationStatus } from '@tradepilot/contracts';
import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';
import type { GroupCounts } from './implementation-rate';
import { groupCountsSchema } from './measure-status-period-model';

/** One cell of the ministry's matrix: a measure's status in the area. */
export interface MatrixCell {
  measureId: string;
  taskGroupId: string;
  responsibleDepartments: string[];
  status: MeasureImplementationStatus;
}

/**
 * The ministry's row of one pilot area for one period (`<round>:<periodId>:<pilotAreaId>`) in
 * `supervision_national.implementation_rates`, kept from the report events: the national,
 * provincial and task-group rates and the area × measure matrix are sums over these rows (at
 * most one per area and period), never a scan of the provinces' databases.
 */
export interface ImplementationRateRow {
  _id: string;
  round: number;
  periodId: string;
  periodStart: string;
  province: string;
  pilotAreaId: string;
  applicable: number;
  implemented: number;
  notPlanned: number;
  groups: GroupCounts[];
  /** bounded by the catalog's measures applicable to the area */
  measures: MatrixCell[];
  reportSequence: number;
  updatedAt: Date;
}

const schema = new Schema<ImplementationRateRow>(
  {
    _id: { type: String, required: true },
    round: { type: Number, required: true },
    periodId: { type: String, required: true },
    periodStart: { type: String, required: true },
    province: { type: String, required: true },
    pilotAreaId: { type: String, required: true },
    applicable: { type: Number, required: true },
    implemented: { type: Number, required: true },
    notPlanned: { type: Number, required: true },
    groups: { type: [groupCountsSchema], default: [] },
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

export const implementationRateModel = defineModel<ImplementationRateRow>({
  name: 'ImplementationRate',
  collection: 'implementation_rates',
  placement: 'national',
  schema,
});
