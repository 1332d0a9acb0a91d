import type { CaseSubject, LocalizedText, Role } from '@tradepilot/contracts';
import { addOutboxFields, type OutboxFields } from '@tradepilot/messaging';
import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';

export const caseStatuses = ['open', 'approved', 'returned', 'rejected'] as const;
export type CaseStatus = (typeof caseStatuses)[number];
export const caseDecisions = ['approve', 'return', 'reject'] as const;
export type CaseDecision = (typeof caseDecisions)[number];

export interface RecordedDecision {
  level: number;
  decision: CaseDecision;
  reason: string | null;
  decidedBy: string;
  actingRole: Role;
  decidedAt: Date;
}

/** An approval case, stored in the database of the province whose subject it decides. */
export interface ApprovalCaseDocument extends OutboxFields {
  _id: string;
  caseType: string;
  subject: CaseSubject;
  title: LocalizedText;
  status: CaseStatus;
  level: number;
  openedAt: Date;
  /** the event that opened the case (its id is derived from it) */
  openedByEventId: string;
  decisions: RecordedDecision[];
  closedAt: Date | null;
}

const schema = addOutboxFields(
  new Schema<ApprovalCaseDocument>(
    {
      _id: { type: String, required: true },
      caseType: { type: String, required: true },
      subject: {
        service: { type: String, required: true },
        type: { type: String, required: true },
        id: { type: String, required: true },
        version: { type: Number, required: true },
      },
      title: { 'zh-CN': { type: String, required: true }, en: { type: String, default: '' } },
      status: { type: String, enum: caseStatuses, required: true },
      level: { type: Number, required: true },
      openedAt: { type: Date, required: true },
      openedByEventId: { type: String, required: true },
      decisions: {
        type: [
          {
            _id: false,
            level: Number,
            decision: { type: String, enum: caseDecisions },
            reason: { type: String, default: null },
            decidedBy: String,
            actingRole: String,
            decidedAt: Date,
          },
        ],
        default: [],
      },
      closedAt: { type: Date, default: null },
    },
    { versionKey: false },
  ),
);
schema.index({ status: 1, openedAt: 1 });
schema.index({ 'subject.id': 1, 'subject.version': 1 });

export const approvalCaseModel = defineModel<ApprovalCaseDocument>({
  name: 'ApprovalCase',
  collection: 'cases',
  placement: 'tenant',
  outbox: true,
  schema,
});
