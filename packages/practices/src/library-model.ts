import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';
import type { LocalizedText } from '@tradepilot/contracts';
import type { PracticeContent } from './practice-model';

/**
 * A published practice (`practices_national.library`), readable by every signed-in user. It is
 * visible once the library version (`library_state`) reaches `libraryVersion`: publishing writes
 * every case of a batch first and moves the version last, so a reader sees all of a batch or none.
 */
export interface LibraryPracticeDocument extends PracticeContent {
  _id: string;
  province: string;
  pilotAreaId: string;
  batchId: string;
  batchNumber: number;
  theme: LocalizedText;
  libraryVersion: number;
  publishedAt: Date;
  illustrative: boolean;
}

/** The one library version pointer (`_id: 'library'`), written last by every publication. */
export interface LibraryStateDocument {
  _id: string;
  version: number;
  updatedAt: Date;
}

/**
 * What one publication added to the library (`practices_national.library_additions`, `_id` = the
 * library version as a string): a copy of its cases, written with them. Instances bring their
 * search index up to a new version by reading these by `_id` (one small read per publication)
 * instead of filtering the whole library by version, which scans it on FerretDB.
 */
export interface LibraryAdditionDocument {
  _id: string;
  version: number;
  batchId: string;
  practices: LibraryPracticeDocument[];
  at: Date;
}

export const libraryAdditionId = (version: number) => String(version);

/** The claim that lets one publication run at a time (`_id: 'publishing'`). */
export interface PublicationLockDocument {
  _id: string;
  batchId: string;
  at: Date;
}

const localized = { 'zh-CN': { type: String, required: true }, en: { type: String, default: '' } };

const librarySchema = new Schema<LibraryPracticeDocument>(
  {
    _id: { type: String, required: true },
    province: { type: String, required: true },
    pilotAreaId: { type: String, required: true },
    batchId: { type: String, required: true },
    batchNumber: { type: Number, required: true },
    theme: localized,
    libraryVersion: { type: Number, required: true },
    publishedAt: { type: Date, required: true },
    illustrative: { type: Boolean, default: false },
    title: localized,
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
  },
  { versionKey: false, minimize: false },
);

export const libraryPracticeModel = defineModel<LibraryPracticeDocument>({
  name: 'LibraryPractice',
  collection: 'library',
  placement: 'national',
  schema: librarySchema,
});

export const libraryStateModel = defineModel<LibraryStateDocument>({
  name: 'LibraryState',
  collection: 'library_state',
  placement: 'national',
  schema: new Schema<LibraryStateDocument>(
    { _id: { type: String, required: true }, version: { type: Number, required: true }, updatedAt: Date },
    { versionKey: false },
  ),
});

export const libraryAdditionModel = defineModel<LibraryAdditionDocument>({
  name: 'LibraryAddition',
  collection: 'library_additions',
  placement: 'national',
  schema: new Schema<LibraryAdditionDocument>(
    {
      _id: { type: String, required: true },
      version: { type: Number, required: true },
      batchId: { type: String, required: true },
      practices: { type: Schema.Types.Mixed, default: [] },
      at: { type: Date, required: true },
    },
    { versionKey: false, minimize: false },
  ),
});

export const publicationLockModel = defineModel<PublicationLockDocument>({
  name: 'PublicationLock',
  collection: 'publication_lock',
  placement: 'national',
  schema: new Schema<PublicationLockDocument>(
    { _id: { type: String, required: true }, batchId: String, at: Date },
    { versionKey: false },
  ),
});
