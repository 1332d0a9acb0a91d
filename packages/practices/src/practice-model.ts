import type { LocalizedText } from '@tradepilot/contracts';
import { addOutboxFields, type OutboxFields } from '@tradepilot/messaging';
import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';

/**
 * draft → submitted → recommended (the case completed approved: the pool batches are composed
 * from) → published; a returned submission reopens for drafting; a rejected one stays closed.
 */
export const practiceStatuses = [
  'draft',
  'submitted',
  'returned',
  'recommended',
  'rejected',
  'published',
] as const;
export type PracticeStatus = (typeof practiceStatuses)[number];

/** Statuses in which the pilot area edits the practice. */
export const editableStatuses: readonly PracticeStatus[] = ['draft', 'returned'];

/** A result with a figure: "审批时间 | 缩短 | 70 | %". */
export interface PracticeFigure {
  label: string;
  value: number;
  unit: string;
}

export interface CoAuthor {
  pilotAreaId: string;
  province: string;
}

export interface AttachmentRef {
  id: string;
  filename: string;
  contentType: string;
  size: number;
}

export interface ContactUnit {
  name: string;
  phone: string | null;
  email: string | null;
}

/** What the pilot area writes (the fields a save may change). */
export interface PracticeContent {
  title: LocalizedText;
  coAuthors: CoAuthor[];
  taskGroupId: string | null;
  measureIds: string[];
  practice: string;
  results: string;
  figures: PracticeFigure[];
  replicationConditions: string;
  tags: string[];
  attachments: AttachmentRef[];
  contactUnit: ContactUnit | null;
}

export const contentFields = [
  'title',
  'coAuthors',
  'taskGroupId',
  'measureIds',
  'practice',
  'results',
  'figures',
  'replicationConditions',
  'tags',
  'attachments',
  'contactUnit',
] as const satisfies readonly (keyof PracticeContent)[];

/**
 * An exemplary practice (最佳实践案例) in its province's database (`practices_<province>.practices`).
 * Owned by the submitting pilot area; co-authors may be areas of other provinces. Its audit trail
 * and the events it applied live in their own collections.
 */
export interface PracticeDocument extends PracticeContent, OutboxFields {
  _id: string;
  pilotAreaId: string;
  status: PracticeStatus;
  /** submissions so far (the approvals case's subject version) */
  submission: number;
  caseId: string | null;
  returnReason: string | null;
  submittedAt: Date | null;
  recommendedAt: Date | null;
  batchId: string | null;
  publishedAt: Date | null;
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
  updatedBy: string;
}

const schema = new Schema<PracticeDocument>(
  {
    _id: { type: String, required: true },
    pilotAreaId: { type: String, required: true },
    status: { type: String, enum: practiceStatuses, required: true },
    title: { 'zh-CN': { type: String, required: true }, en: { type: String, default: '' } },
    coAuthors: { type: [{ _id: false, pilotAreaId: String, province: String }], default: [] },
    taskGroupId: { type: String, default: null },
    measureIds: { type: [String], default: [] },
    practice: { type: String, default: '' },
    results: { type: String, default: '' },
    figures: { type: [{ _id: false, label: String, value: Number, unit: String }], default: [] },
    replicationConditions: { type: String, default: '' },
    tags: { type: [String], default: [] },
    attachments: {
      type: [{ _id: false, id: String, filename: String, contentType: String, size: Number }],
      default: [],
    },
    contactUnit: {
      type: new Schema({ name: String, phone: String, email: String }, { _id: false }),
      default: null,
    },
    submission: { type: Number, default: 0 },
    caseId: { type: String, default: null },
    returnReason: { type: String, default: null },
    submittedAt: { type: Date, default: null },
    recommendedAt: { type: Date, default: null },
    batchId: { type: String, default: null },
    publishedAt: { type: Date, default: null },
    createdAt: { type: Date, required: true },
    createdBy: { type: String, required: true },
    updatedAt: { type: Date, required: true },
    updatedBy: { type: String, required: true },
  },
  { versionKey: false, minimize: false },
);
addOutboxFields(schema);

export const practiceModel = defineModel<PracticeDocument>({
  name: 'Practice',
  collection: 'practices',
  placement: 'tenant',
  schema,
  outbox: true,
});
