import type { IssueCategory, IssueLevel, LocalizedText } from '@tradepilot/contracts';
import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';
import type { KeyIssueStatus } from './key-issue-model';

/**
 * The ministry's row of one key issue in `supervision_national.key_issue_index` (`_id` = the issue
 * id), kept from the issue events: where it is (province, holder), so national and department
 * reads never scan the provinces. Small and flat (no nested holder) so every filter is plain. It
 * holds every issue ever (the counts and `held: 'ever'` read history); the inboxes of what is held
 * now read `open_key_issue_index`, its unresolved rows only.
 */
export interface KeyIssueIndexRow {
  _id: string;
  province: string;
  round: number;
  pilotAreaId: string;
  category: IssueCategory;
  title: LocalizedText;
  status: KeyIssueStatus;
  holderLevel: IssueLevel;
  holderOrganisationIds: string[];
  /** every department the issue was ever routed to (bounded by the departments registry) */
  departmentsReached: string[];
  raisedAt: Date;
  slaDueAt: Date | null;
  flagged: boolean;
  lastSequence: number;
  updatedAt: Date;
}

/** The fields of a row, shared by the full index and the open one. */
export function keyIssueIndexRowSchema(): Schema<KeyIssueIndexRow> {
  return new Schema<KeyIssueIndexRow>(
    {
      _id: { type: String, required: true },
      province: { type: String, required: true },
      round: { type: Number, required: true },
      pilotAreaId: { type: String, required: true },
      category: { type: String, required: true },
      title: { 'zh-CN': { type: String, required: true }, en: { type: String, default: '' } },
      status: { type: String, required: true },
      holderLevel: { type: String, required: true },
      holderOrganisationIds: { type: [String], default: [] },
      departmentsReached: { type: [String], default: [] },
      raisedAt: { type: Date, required: true },
      slaDueAt: { type: Date, default: null },
      flagged: { type: Boolean, default: false },
      lastSequence: { type: Number, required: true },
      updatedAt: { type: Date, required: true },
    },
    { versionKey: false, minimize: false },
  );
}

const schema = keyIssueIndexRowSchema();
schema.index({ round: 1, province: 1 });

/** The stamp of `key_issue_index` (projection-stamps): renewed after every write to it. */
export const keyIssueIndexStamp = 'key_issue_index';

export const keyIssueIndexModel = defineModel<KeyIssueIndexRow>({
  name: 'KeyIssueIndex',
  collection: 'key_issue_index',
  placement: 'national',
  schema,
});
