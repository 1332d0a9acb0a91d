import type { LocalizedText } from '@tradepilot/contracts';
import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';

/**
 * The ministry's national projection, one document per province, recomputed from that province's
 * cases and applications whenever one of their events arrives. Counts are kept by day, so ages and
 * "overdue now" are worked out at read time against the clock and the holiday calendar.
 */
export interface ProvinceSummaryDocument {
  _id: string;
  /** the revision it was computed for: a slower, older computation never overwrites a newer one */
  revision: number;
  computedAt: Date;
  openCases: { caseType: string; openedOn: string; count: number }[];
  openSteps: { caseType: string; dueOn: string; count: number }[];
  matters: {
    matterId: string;
    name: LocalizedText | null;
    applications: number;
    decided: number;
    withinLimit: number;
    processingDays: { days: number; count: number }[];
    pendingByDueOn: { dueOn: string; count: number }[];
  }[];
}

export const provinceSummaryModel = defineModel<ProvinceSummaryDocument>({
  name: 'ProvinceSummary',
  collection: 'province_summaries',
  placement: 'national',
  schema: new Schema<ProvinceSummaryDocument>(
    {
      _id: { type: String, required: true },
      revision: { type: Number, required: true },
      computedAt: { type: Date, required: true },
      openCases: { type: Schema.Types.Mixed, default: [] },
      openSteps: { type: Schema.Types.Mixed, default: [] },
      matters: { type: Schema.Types.Mixed, default: [] },
    },
    { versionKey: false },
  ),
});

/** A counter per province, bumped after each change is recorded and before it is summarised. */
export interface SummaryRevisionDocument {
  _id: string;
  revision: number;
}

export const summaryRevisionModel = defineModel<SummaryRevisionDocument>({
  name: 'SummaryRevision',
  collection: 'summary_revisions',
  placement: 'national',
  schema: new Schema<SummaryRevisionDocument>(
    { _id: { type: String, required: true }, revision: { type: Number, required: true } },
    { versionKey: false },
  ),
});
