import type { InspectorLevel, LocalizedText } from '@tradepilot/contracts';
import { inspectorLevels } from '@tradepilot/contracts';
import { addOutboxFields, type OutboxFields } from '@tradepilot/messaging';
import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';

/** scheduled: dates set, not yet done; carried-out: the inspector was there, findings may be recorded. */
export const inspectionStatuses = ['scheduled', 'carried-out'] as const;
export type InspectionStatus = (typeof inspectionStatuses)[number];

/**
 * An inspection (督查) of one pilot area in `supervision_<province>.inspections` (`_id` = its id),
 * scheduled by the ministry or the area's province. Current state only: changes are lines of
 * `audit_trail`; each finding with its rectification is a document of `rectifications`.
 */
export interface InspectionDocument extends OutboxFields {
  _id: string;
  round: number;
  pilotAreaId: string;
  inspectorLevel: InspectorLevel;
  /** `mofcom` or the province's tenant id: the organisation that closes the rectifications */
  inspectorOrganisationId: string;
  subject: LocalizedText;
  scope: LocalizedText;
  startDate: string;
  endDate: string;
  /** the inspectors' names */
  inspectors: string[];
  taskIds: string[];
  measureIds: string[];
  status: InspectionStatus;
  summary: string | null;
  carriedOutAt: Date | null;
  scheduledBy: string;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string;
}

const text = { 'zh-CN': { type: String, required: true }, en: { type: String, default: '' } };

const schema = new Schema<InspectionDocument>(
  {
    _id: { type: String, required: true },
    round: { type: Number, required: true },
    pilotAreaId: { type: String, required: true },
    inspectorLevel: { type: String, enum: inspectorLevels, required: true },
    inspectorOrganisationId: { type: String, required: true },
    subject: text,
    scope: { 'zh-CN': { type: String, default: '' }, en: { type: String, default: '' } },
    startDate: { type: String, required: true },
    endDate: { type: String, required: true },
    inspectors: { type: [String], default: [] },
    taskIds: { type: [String], default: [] },
    measureIds: { type: [String], default: [] },
    status: { type: String, enum: inspectionStatuses, required: true },
    summary: { type: String, default: null },
    carriedOutAt: { type: Date, default: null },
    scheduledBy: { type: String, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    updatedBy: { type: String, required: true },
  },
  { versionKey: false, minimize: false },
);
addOutboxFields(schema);
schema.index({ pilotAreaId: 1, startDate: -1 });

export const inspectionModel = defineModel<InspectionDocument>({
  name: 'Inspection',
  collection: 'inspections',
  placement: 'tenant',
  schema,
  outbox: true,
});
