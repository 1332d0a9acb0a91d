import type { Approver, LocalizedText, MatterDecisionLevels } from '@tradepilot/contracts';
import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';

/**
 * An administrative matter type the ministry or a central department delegated to provinces
 * (national data). Each change is recorded in `history`.
 */
export interface MatterTypeDocument {
  _id: string;
  name: LocalizedText;
  legalBasis: string;
  statutoryLimitDays: number;
  decisionLevels: MatterDecisionLevels;
  delegatedBy: Approver & { userId: string };
  provinces: string[];
  version: number;
  createdAt: Date;
  history: { action: string; by: string; role: string; at: Date; provinces: string[] }[];
}

const localizedText = { 'zh-CN': { type: String, required: true }, en: { type: String, default: '' } };

const schema = new Schema<MatterTypeDocument>(
  {
    _id: { type: String, required: true },
    name: localizedText,
    legalBasis: { type: String, required: true },
    statutoryLimitDays: { type: Number, required: true },
    decisionLevels: {
      type: [
        {
          _id: false,
          name: localizedText,
          steps: [
            { _id: false, name: localizedText, role: String, workingDays: { type: Number, default: null } },
          ],
        },
      ],
      required: true,
    },
    delegatedBy: { role: String, organisationId: String, userId: String },
    provinces: { type: [String], default: [] },
    version: { type: Number, required: true },
    createdAt: { type: Date, required: true },
    history: {
      type: [{ _id: false, action: String, by: String, role: String, at: Date, provinces: [String] }],
      default: [],
    },
  },
  { versionKey: false },
);
schema.index({ provinces: 1 });

export const matterTypeModel = defineModel<MatterTypeDocument>({
  name: 'MatterType',
  collection: 'matter_types',
  placement: 'national',
  schema,
});
