import type { InspectorLevel, LocalizedText } from '@tradepilot/contracts';
import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';
import type { InspectionStatus } from './inspection-model';

/**
 * The ministry's row of one inspection in `supervision_national.inspection_index` (`_id` = the
 * inspection id), kept from the inspection events: national reads never scan the provinces.
 */
export interface InspectionIndexRow {
  _id: string;
  province: string;
  round: number;
  pilotAreaId: string;
  inspectorLevel: InspectorLevel;
  inspectorOrganisationId: string;
  subject: LocalizedText;
  startDate: string;
  endDate: string;
  status: InspectionStatus;
  lastSequence: number;
  updatedAt: Date;
}

const schema = new Schema<InspectionIndexRow>(
  {
    _id: { type: String, required: true },
    province: { type: String, required: true },
    round: { type: Number, required: true },
    pilotAreaId: { type: String, required: true },
    inspectorLevel: { type: String, required: true },
    inspectorOrganisationId: { type: String, required: true },
    subject: { 'zh-CN': { type: String, required: true }, en: { type: String, default: '' } },
    startDate: { type: String, required: true },
    endDate: { type: String, required: true },
    status: { type: String, required: true },
    lastSequence: { type: Number, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, minimize: false },
);
schema.index({ round: 1, province: 1 });

export const inspectionIndexModel = defineModel<InspectionIndexRow>({
  name: 'InspectionIndex',
  collection: 'inspection_index',
  placement: 'national',
  schema,
});
