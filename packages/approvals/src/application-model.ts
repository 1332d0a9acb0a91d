import type { LocalizedText, MatterDecisionLevels } from '@tradepilot/contracts';
import { addOutboxFields, type OutboxFields } from '@tradepilot/messaging';
import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';

export const applicationStatuses = ['pending', 'approved', 'rejected'] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

/**
 * An application under a delegated administrative matter, in its province's database. The case
 * decisions it applied are in `applied_events` (the document does not grow with them).
 */
export interface ApplicationDocument extends OutboxFields {
  _id: string;
  matterId: string;
  matterName: LocalizedText;
  statutoryLimitDays: number;
  decisionLevels: MatterDecisionLevels;
  applicant: { name: string; creditCode: string | null };
  receivedOn: string;
  dueOn: string;
  documents: { title: string; reference: string | null }[];
  status: ApplicationStatus;
  caseId: string | null;
  decidedOn: string | null;
  processingWorkingDays: number | null;
  withinStatutoryLimit: boolean | null;
  registeredBy: string;
  registeredAt: Date;
}

const localizedText = { 'zh-CN': { type: String, required: true }, en: { type: String, default: '' } };

const schema = addOutboxFields(
  new Schema<ApplicationDocument>(
    {
      _id: { type: String, required: true },
      matterId: { type: String, required: true },
      matterName: localizedText,
      statutoryLimitDays: { type: Number, required: true },
      decisionLevels: { type: Schema.Types.Mixed, required: true },
      applicant: { name: { type: String, required: true }, creditCode: { type: String, default: null } },
      receivedOn: { type: String, required: true },
      dueOn: { type: String, required: true },
      documents: {
        type: [{ _id: false, title: String, reference: { type: String, default: null } }],
        default: [],
      },
      status: { type: String, enum: applicationStatuses, required: true },
      caseId: { type: String, default: null },
      decidedOn: { type: String, default: null },
      processingWorkingDays: { type: Number, default: null },
      withinStatutoryLimit: { type: Boolean, default: null },
      registeredBy: { type: String, required: true },
      registeredAt: { type: Date, required: true },
    },
    { versionKey: false },
  ),
);
schema.index({ matterId: 1, status: 1 });
schema.index({ status: 1, dueOn: 1 });
schema.index({ receivedOn: -1 });

export const applicationModel = defineModel<ApplicationDocument>({
  name: 'AdminApplication',
  collection: 'applications',
  placement: 'tenant',
  outbox: true,
  schema,
});
