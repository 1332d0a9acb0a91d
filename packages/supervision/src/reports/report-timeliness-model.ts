import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';

/**
 * The ministry's row of one report (`<periodId>:<pilotAreaId>`) in `supervision_national`, kept
 * from the report events so national timeliness never scans the provinces. Missing reports are
 * the areas under supervision without a row once the period's due date has passed.
 */
export interface ReportTimelinessRow {
  _id: string;
  round: number;
  province: string;
  periodId: string;
  pilotAreaId: string;
  status: 'submitted' | 'returned' | 'accepted';
  timeliness: 'on_time' | 'late';
  daysLate: number;
  lastSequence: number;
  updatedAt: Date;
}

const schema = new Schema<ReportTimelinessRow>(
  {
    _id: { type: String, required: true },
    round: { type: Number, required: true },
    province: { type: String, required: true },
    periodId: { type: String, required: true },
    pilotAreaId: { type: String, required: true },
    status: { type: String, required: true },
    timeliness: { type: String, required: true },
    daysLate: { type: Number, required: true },
    lastSequence: { type: Number, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
schema.index({ round: 1 });

/** the stamp (`projection_stamps`) the rows get after every write, for the instances' cached reads */
export const reportTimelinessStamp = 'report_timeliness';

export const reportTimelinessModel = defineModel<ReportTimelinessRow>({
  name: 'ReportTimeliness',
  collection: 'report_timeliness',
  placement: 'national',
  schema,
});
