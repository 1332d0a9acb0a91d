import type { CaseSubject, LocalizedText } from '@tradepilot/contracts';
import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';
import { caseStatuses, type CaseStatus } from './case-chain';

/**
 * The national read model of open cases across provinces (`approvals_national`), fed by the
 * service's own case events: which province holds a case, and what awaits whom, without a
 * fan-out. A closed case's entry moves to `closed_case_index`, so the inboxes read only what is open.
 */
export interface CaseIndexEntry {
  _id: string;
  tenant: string;
  caseType: string;
  subject: CaseSubject;
  title: LocalizedText;
  status: CaseStatus;
  level: number;
  openedAt: Date;
  closedAt: Date | null;
  previousCaseId: string | null;
  awaiting: string[];
  escalatedTo: string[];
  nextDueAt: Date | null;
  /** sequence of the last case event applied: older or repeated events change nothing */
  sourceSequence: number;
}

/** The entry's fields, shared by the open and the closed index. */
export const caseIndexEntrySchema = () =>
  new Schema<CaseIndexEntry>(
    {
      _id: { type: String, required: true },
      tenant: { type: String, required: true },
      caseType: { type: String, required: true },
      subject: { service: String, type: { type: String }, id: String, version: Number },
      title: { 'zh-CN': String, en: String },
      status: { type: String, enum: caseStatuses, required: true },
      level: { type: Number, default: 1 },
      openedAt: { type: Date, required: true },
      closedAt: { type: Date, default: null },
      previousCaseId: { type: String, default: null },
      awaiting: { type: [String], default: [] },
      escalatedTo: { type: [String], default: [] },
      nextDueAt: { type: Date, default: null },
      sourceSequence: { type: Number, required: true },
    },
    { versionKey: false },
  );

const schema = caseIndexEntrySchema();
schema.index({ status: 1, openedAt: 1 });
schema.index({ tenant: 1, status: 1 });
schema.index({ awaiting: 1, nextDueAt: 1 });
schema.index({ escalatedTo: 1 });

export const caseIndexModel = defineModel<CaseIndexEntry>({
  name: 'CaseIndexEntry',
  collection: 'case_index',
  placement: 'national',
  schema,
});
