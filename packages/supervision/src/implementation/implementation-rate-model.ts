import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';
import type { GroupCounts } from './implementation-rate';
import { groupCountsSchema } from './measure-status-period-model';

/**
 * The ministry's row of one pilot area for one period (`<round>:<periodId>:<pilotAreaId>`) in
 * `supervision_national.implementation_rates`, kept from the report events: the national,
 * provincial and task-group rates are sums over these small rows (at most one per area and
 * period), never a scan of the provinces' databases. The matrix cells are in `implementation_matrix`.
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
    reportSequence: { type: Number, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, minimize: false },
);
schema.index({ round: 1, periodId: 1 });

/** the stamp (`projection_stamps`) the rate rows get after every write, for the instances' cached reads */
export const nationalRateStamp = 'implementation_rates';

export const implementationRateModel = defineModel<ImplementationRateRow>({
  name: 'ImplementationRate',
  collection: 'implementation_rates',
  placement: 'national',
  schema,
});
