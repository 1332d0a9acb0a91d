import { measureImplementationStatuses } from '@tradepilot/contracts';
import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';
import type { GroupCounts } from './implementation-rate';
import type { MeasureStatusLine, TaskStatusLine } from './measure-status';

/**
 * The statuses of a pilot area's applicable measures for one period, from its accepted report
 * (`<round>:<periodId>:<pilotAreaId>` in `supervision_<province>.measure_status_periods`): one
 * document per area and period, its arrays bounded by the catalog and the plan's tasks, so the
 * history is kept without any document growing.
 */
export interface MeasureStatusPeriodDocument {
  _id: string;
  round: number;
  periodId: string;
  /** the period's first day: orders the history */
  periodStart: string;
  pilotAreaId: string;
  reportId: string;
  planSubmission: number;
  tasks: TaskStatusLine[];
  measures: MeasureStatusLine[];
  applicable: number;
  implemented: number;
  notPlanned: number;
  groups: GroupCounts[];
  /** the report event it was taken from: an older or redelivered one changes nothing */
  reportSequence: number;
  acceptedAt: Date;
  updatedAt: Date;
}

export const groupCountsSchema = new Schema<GroupCounts>(
  { taskGroupId: String, applicable: Number, implemented: Number, notPlanned: Number },
  { _id: false },
);

const schema = new Schema<MeasureStatusPeriodDocument>(
  {
    _id: { type: String, required: true },
    round: { type: Number, required: true },
    periodId: { type: String, required: true },
    periodStart: { type: String, required: true },
    pilotAreaId: { type: String, required: true },
    reportId: { type: String, required: true },
    planSubmission: { type: Number, required: true },
    tasks: { type: [{ _id: false, taskId: String, status: { type: String, default: null } }], default: [] },
    measures: {
      type: [
        {
          _id: false,
          measureId: String,
          taskGroupId: String,
          responsibleDepartments: [String],
          status: { type: String, enum: measureImplementationStatuses },
          taskIds: [String],
          explanation: { type: String, default: null },
        },
      ],
      default: [],
    },
    applicable: { type: Number, required: true },
    implemented: { type: Number, required: true },
    notPlanned: { type: Number, required: true },
    groups: { type: [groupCountsSchema], default: [] },
    reportSequence: { type: Number, required: true },
    acceptedAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, minimize: false },
);
schema.index({ round: 1, pilotAreaId: 1, periodStart: 1 });

export const measureStatusPeriodModel = defineModel<MeasureStatusPeriodDocument>({
  name: 'MeasureStatusPeriod',
  collection: 'measure_status_periods',
  placement: 'tenant',
  schema,
});

export const measureStatusPeriodId = (round: number, periodId: string, pilotAreaId: string) =>
  `${round}:${periodId}:${pilotAreaId}`;
