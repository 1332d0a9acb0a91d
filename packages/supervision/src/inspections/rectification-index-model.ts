import type { FindingSeverity, InspectorLevel, RectificationStatus } from '@tradepilot/contracts';
import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';

/**
 * The ministry's row of one rectification in `supervision_national.rectification_index` (`_id` =
 * the rectification id), kept from `inspection.finding_recorded.v1` and the rectification events:
 * the national list and the open/overdue counts per province read it only. The fields the finding
 * fixes (severity, inspector, …) are written by the finding's event whatever arrived first; the
 * state follows the record's sequence.
 */
export interface RectificationIndexRow {
  _id: string;
  province: string;
  pilotAreaId: string;
  inspectionId: string;
  findingId: string;
  round?: number;
  inspectorLevel?: InspectorLevel;
  inspectorOrganisationId?: string;
  severity?: FindingSeverity;
  description?: string;
  recordedAt?: Date;
  dueDate: string;
  status: RectificationStatus;
  escalated: boolean;
  lastSequence: number;
  updatedAt: Date;
}

const schema = new Schema<RectificationIndexRow>(
  {
    _id: { type: String, required: true },
    province: { type: String, required: true },
    pilotAreaId: { type: String, required: true },
    inspectionId: { type: String, required: true },
    findingId: { type: String, required: true },
    round: { type: Number },
    inspectorLevel: { type: String },
    inspectorOrganisationId: { type: String },
    severity: { type: String },
    description: { type: String },
    recordedAt: { type: Date },
    dueDate: { type: String },
    status: { type: String, required: true },
    escalated: { type: Boolean, default: false },
    lastSequence: { type: Number, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, minimize: false },
);
schema.index({ province: 1, status: 1 });

export const rectificationIndexModel = defineModel<RectificationIndexRow>({
  name: 'RectificationIndex',
  collection: 'rectification_index',
  placement: 'national',
  schema,
});
