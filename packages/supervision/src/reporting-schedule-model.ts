import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';
import { reportingFrequencies, type ReportingSchedule } from './reporting-schedule';

/**
 * The ministry's reporting schedule of one round (`supervision_national.reporting_schedules`,
 * `_id` = the round): saved on the version it was read at, every change in the audit trail.
 */
export interface ReportingScheduleDocument extends ReportingSchedule {
  _id: string;
  version: number;
  updatedAt: Date;
  updatedBy: string;
}

const schema = new Schema<ReportingScheduleDocument>(
  {
    _id: { type: String, required: true },
    round: { type: Number, required: true },
    frequency: { type: String, enum: reportingFrequencies, required: true },
    from: { type: String, required: true },
    to: { type: String, required: true },
    customPeriods: {
      type: [
        {
          _id: false,
          start: String,
          end: String,
          label: { 'zh-CN': { type: String, required: true }, en: { type: String, default: '' } },
        },
      ],
      default: [],
    },
    dueWorkingDays: { type: Number, required: true },
    reminderWorkingDaysBefore: { type: Number, required: true },
    version: { type: Number, required: true },
    updatedAt: { type: Date, required: true },
    updatedBy: { type: String, required: true },
  },
  { versionKey: false, minimize: false },
);

export const reportingScheduleModel = defineModel<ReportingScheduleDocument>({
  name: 'ReportingSchedule',
  collection: 'reporting_schedules',
  placement: 'national',
  schema,
});
