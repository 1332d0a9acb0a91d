import type {
  FindingSeverity,
  InspectorLevel,
  LocalizedText,
  RectificationStatus,
} from '@tradepilot/contracts';
import { findingSeverities, inspectorLevels, rectificationStatuses } from '@tradepilot/contracts';
import { addOutboxFields, type OutboxFields } from '@tradepilot/messaging';
import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';

/** What the inspector found. */
export interface Finding {
  description: LocalizedText;
  severity: FindingSeverity;
  taskIds: string[];
  measureIds: string[];
}

/** The pilot area's latest word on its rectification (every one is kept in `rectification_updates`). */
export interface RectificationProgress {
  kind: 'progress' | 'submission';
  status: 'in-progress' | 'blocked' | 'done';
  narrative: string;
  attachmentIds: string[];
  at: Date;
  userId: string;
}

/**
 * A finding of an inspection and its rectification (整改), one document of
 * `supervision_<province>.rectifications` (`_id` = the rectification id): recording the finding
 * creates it with `inspection.finding_recorded.v1` in its outbox, so the finding and its
 * rectification exist together or not at all.
 */
export interface RectificationDocument extends OutboxFields {
  _id: string;
  findingId: string;
  inspectionId: string;
  round: number;
  pilotAreaId: string;
  inspectorLevel: InspectorLevel;
  inspectorOrganisationId: string;
  finding: Finding;
  recordedAt: Date;
  recordedBy: string;
  /** the last day to finish (China), and the instant it ends */
  dueDate: string;
  dueAt: Date;
  status: RectificationStatus;
  progress: RectificationProgress | null;
  submittedAt: Date | null;
  returnReason: string | null;
  returns: number;
  closingComment: string | null;
  closedAt: Date | null;
  /** when the overdue timer fires: the due instant while the area owes the work, else null */
  escalationDueAt: Date | null;
  /** set once, when it passed its due date unfinished */
  escalatedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string;
}

const text = { 'zh-CN': { type: String, required: true }, en: { type: String, default: '' } };

const progressSchema = new Schema<RectificationProgress>(
  {
    kind: { type: String, required: true },
    status: { type: String, required: true },
    narrative: { type: String, required: true },
    attachmentIds: { type: [String], default: [] },
    at: { type: Date, required: true },
    userId: { type: String, required: true },
  },
  { _id: false },
);

const schema = new Schema<RectificationDocument>(
  {
    _id: { type: String, required: true },
    findingId: { type: String, required: true },
    inspectionId: { type: String, required: true },
    round: { type: Number, required: true },
    pilotAreaId: { type: String, required: true },
    inspectorLevel: { type: String, enum: inspectorLevels, required: true },
    inspectorOrganisationId: { type: String, required: true },
    finding: {
      description: text,
      severity: { type: String, enum: findingSeverities, required: true },
      taskIds: { type: [String], default: [] },
      measureIds: { type: [String], default: [] },
    },
    recordedAt: { type: Date, required: true },
    recordedBy: { type: String, required: true },
    dueDate: { type: String, required: true },
    dueAt: { type: Date, required: true },
    status: { type: String, enum: rectificationStatuses, required: true },
    progress: { type: progressSchema, default: null },
    submittedAt: { type: Date, default: null },
    returnReason: { type: String, default: null },
    returns: { type: Number, default: 0 },
    closingComment: { type: String, default: null },
    closedAt: { type: Date, default: null },
    escalationDueAt: { type: Date, default: null },
    escalatedAt: { type: Date, default: null },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    updatedBy: { type: String, required: true },
  },
  { versionKey: false, minimize: false },
);
addOutboxFields(schema);
schema.index({ escalationDueAt: 1 });
schema.index({ inspectionId: 1 });

export const rectificationModel = defineModel<RectificationDocument>({
  name: 'Rectification',
  collection: 'rectifications',
  placement: 'tenant',
  schema,
  outbox: true,
});
