import type { LocalizedText } from '@tradepilot/contracts';
import { addOutboxFields, type OutboxFields } from '@tradepilot/messaging';
import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';
import { periodStages, type PeriodStage } from './period-timeline';

/**
 * A reporting period of a round (`supervision_national.reporting_periods`, `_id` = the period id,
 * e.g. `2020-2026-Q1`). The scheduler moves it through its stages at the stored times, each in one
 * conditional write with its event; a ministry officer can lock it once its due date has passed.
 */
export interface ReportingPeriodDocument extends OutboxFields {
  _id: string;
  round: number;
  label: LocalizedText;
  start: string;
  end: string;
  due: string;
  opensAt: Date;
  remindAt: Date;
  duePassesAt: Date;
  stage: PeriodStage;
  /** when the next stage comes due; null once the due date has passed */
  nextTimerAt: Date | null;
  locked: boolean;
  lockedAt: Date | null;
  lockedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const schema = new Schema<ReportingPeriodDocument>(
  {
    _id: { type: String, required: true },
    round: { type: Number, required: true },
    label: { 'zh-CN': { type: String, required: true }, en: { type: String, default: '' } },
    start: { type: String, required: true },
    end: { type: String, required: true },
    due: { type: String, required: true },
    opensAt: { type: Date, required: true },
    remindAt: { type: Date, required: true },
    duePassesAt: { type: Date, required: true },
    stage: { type: String, enum: periodStages, required: true },
    nextTimerAt: { type: Date, default: null },
    locked: { type: Boolean, default: false },
    lockedAt: { type: Date, default: null },
    lockedBy: { type: String, default: null },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, minimize: false },
);
addOutboxFields(schema);
schema.index({ round: 1, start: 1 });

/** The stamp of `reporting_periods` (projection-stamps): renewed after every write to a period. */
export const reportingPeriodsStamp = 'reporting_periods';

export const reportingPeriodModel = defineModel<ReportingPeriodDocument>({
  name: 'ReportingPeriod',
  collection: 'reporting_periods',
  placement: 'national',
  schema,
  outbox: true,
});
