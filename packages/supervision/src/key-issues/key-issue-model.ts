import type { IssueCategory, IssueHolder, LocalizedText } from '@tradepilot/contracts';
import { issueCategories, issueLevels } from '@tradepilot/contracts';
import { addOutboxFields, type OutboxFields } from '@tradepilot/messaging';
import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';

/**
 * open: with its holder, the SLA running; answered: the holder replied (SLA stopped), may still
 * resolve or pass it up; resolved: closed by a holder, the originator may reopen it once.
 */
export const keyIssueStatuses = ['open', 'answered', 'resolved'] as const;
export type KeyIssueStatus = (typeof keyIssueStatuses)[number];

/**
 * A key issue (问题清单) of a pilot area in `supervision_<province>.key_issues` (`_id` = the issue
 * id), and once resolved with its events published in `resolved_key_issues`. It holds its current
 * state only: every change is a line of `audit_trail`, the events the national projection applied
 * are in `applied_events`.
 */
export interface KeyIssueDocument extends OutboxFields {
  _id: string;
  round: number;
  pilotAreaId: string;
  category: IssueCategory;
  title: LocalizedText;
  description: LocalizedText;
  taskIds: string[];
  measureIds: string[];
  /** the central departments responsible for the linked measures (from the plan in force) */
  departmentIds: string[];
  raisedBy: IssueHolder;
  raisedByUser: string;
  raisedAt: Date;
  status: KeyIssueStatus;
  holder: IssueHolder;
  /** hops so far (0 at the first holder): part of each SLA timer's key */
  hop: number;
  heldSince: Date;
  /** when the current holder's SLA passes; null once answered, resolved, or flagged at the top */
  slaDueAt: Date | null;
  /** the last level's SLA passed and the issue was flagged to the final escalation */
  flagged: boolean;
  answer: string | null;
  answeredBy: IssueHolder | null;
  resolution: string | null;
  resolvedBy: IssueHolder | null;
  resolvedAt: Date | null;
  reopenReason: string | null;
  reopened: number;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string;
}

const holderSchema = new Schema<IssueHolder>(
  { level: { type: String, enum: issueLevels }, organisationIds: [String] },
  { _id: false },
);
const text = { 'zh-CN': { type: String, required: true }, en: { type: String, default: '' } };

/** The fields of an issue, shared by the current issues and the resolved ones. */
export function keyIssueSchema(): Schema<KeyIssueDocument> {
  const schema = new Schema<KeyIssueDocument>(
    {
      _id: { type: String, required: true },
      round: { type: Number, required: true },
      pilotAreaId: { type: String, required: true },
      category: { type: String, enum: issueCategories, required: true },
      title: text,
      description: text,
      taskIds: { type: [String], default: [] },
      measureIds: { type: [String], default: [] },
      departmentIds: { type: [String], default: [] },
      raisedBy: { type: holderSchema, required: true },
      raisedByUser: { type: String, required: true },
      raisedAt: { type: Date, required: true },
      status: { type: String, enum: keyIssueStatuses, required: true },
      holder: { type: holderSchema, required: true },
      hop: { type: Number, required: true },
      heldSince: { type: Date, required: true },
      slaDueAt: { type: Date, default: null },
      flagged: { type: Boolean, default: false },
      answer: { type: String, default: null },
      answeredBy: { type: holderSchema, default: null },
      resolution: { type: String, default: null },
      resolvedBy: { type: holderSchema, default: null },
      resolvedAt: { type: Date, default: null },
      reopenReason: { type: String, default: null },
      reopened: { type: Number, default: 0 },
      createdAt: { type: Date, required: true },
      updatedAt: { type: Date, required: true },
      updatedBy: { type: String, required: true },
    },
    { versionKey: false, minimize: false },
  );
  addOutboxFields(schema);
  return schema;
}

const schema = keyIssueSchema();
// what the SLA timers look for: resolved issues have none and are not here
schema.index({ slaDueAt: 1 });

export const keyIssueModel = defineModel<KeyIssueDocument>({
  name: 'KeyIssue',
  collection: 'key_issues',
  placement: 'tenant',
  schema,
  outbox: true,
});
