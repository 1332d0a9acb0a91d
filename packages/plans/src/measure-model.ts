import type { LocalizedText } from '@tradepilot/contracts';
import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';
import { auditEntrySchema, type AuditEntry } from './audit-entry';

export const measureStatuses = ['active', 'retired'] as const;
export type MeasureStatus = (typeof measureStatuses)[number];

/** What a measure says and whom it concerns: the fields the catalog edits, imports and exports. */
export interface MeasureFields {
  taskGroupId: string;
  text: LocalizedText;
  /** central departments responsible for it */
  responsibleDepartments: string[];
  /** the pilot areas it applies to */
  pilotAreas: string[];
  /** it needed a temporary adjustment of administrative regulations */
  regulatoryAdjustment: boolean;
  status: MeasureStatus;
  /** demo data, not an official text */
  illustrative: boolean;
}

export const measureFieldNames: (keyof MeasureFields)[] = [
  'taskGroupId',
  'text',
  'responsibleDepartments',
  'pilotAreas',
  'regulatoryAdjustment',
  'status',
  'illustrative',
];

/** A measure of the Overall Plan in the national catalog (`plans_national`). */
export interface MeasureDocument extends MeasureFields {
  _id: string;
  version: number;
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
  updatedBy: string;
  history: AuditEntry[];
  /** the idempotency claim that created it (a retry with the same key finds it by this) */
  creationId?: string | null;
}

const measureSchema = new Schema<MeasureDocument>(
  {
    _id: { type: String, required: true },
    taskGroupId: { type: String, required: true },
    text: { 'zh-CN': { type: String, required: true }, en: { type: String, default: '' } },
    responsibleDepartments: { type: [String], default: [] },
    pilotAreas: { type: [String], default: [] },
    regulatoryAdjustment: { type: Boolean, default: false },
    status: { type: String, enum: measureStatuses, required: true },
    illustrative: { type: Boolean, default: false },
    version: { type: Number, required: true },
    createdAt: { type: Date, required: true },
    createdBy: { type: String, required: true },
    updatedAt: { type: Date, required: true },
    updatedBy: { type: String, required: true },
    history: { type: [auditEntrySchema], default: [] },
    creationId: { type: String, default: null },
  },
  { versionKey: false },
);
measureSchema.index({ taskGroupId: 1 });
measureSchema.index({ pilotAreas: 1 });

export const measureModel = defineModel<MeasureDocument>({
  name: 'Measure',
  collection: 'measures',
  placement: 'national',
  schema: measureSchema,
});
