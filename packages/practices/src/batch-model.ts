import type { LocalizedText } from '@tradepilot/contracts';
import { addOutboxFields, type OutboxFields } from '@tradepilot/messaging';
import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';

export const defaultPublisher = '国务院服务贸易发展部际联席会议办公室';

/** A theme of a batch and the cases grouped under it, in order. */
export interface BatchTheme {
  name: LocalizedText;
  practiceIds: string[];
}

/**
 * A numbered batch of exemplary practices (第N批, `practices_national.batches`): composed by the
 * ministry from the recommended pool, editable until published. A batch holds at most a few dozen
 * cases (the real ones hold 16–25), so its themes are a bounded array.
 */
export interface BatchDocument extends OutboxFields {
  _id: string;
  number: number;
  title: LocalizedText;
  publisher: string;
  releaseDate: string;
  themes: BatchTheme[];
  status: 'draft' | 'published';
  /** the library version at which it became visible */
  libraryVersion: number | null;
  publishedAt: Date | null;
  illustrative: boolean;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string;
}

const schema = new Schema<BatchDocument>(
  {
    _id: { type: String, required: true },
    number: { type: Number, required: true },
    title: { 'zh-CN': { type: String, required: true }, en: { type: String, default: '' } },
    publisher: { type: String, required: true },
    releaseDate: { type: String, required: true },
    themes: {
      type: [
        {
          _id: false,
          name: { 'zh-CN': { type: String, required: true }, en: { type: String, default: '' } },
          practiceIds: { type: [String], default: [] },
        },
      ],
      default: [],
    },
    status: { type: String, enum: ['draft', 'published'], required: true },
    libraryVersion: { type: Number, default: null },
    publishedAt: { type: Date, default: null },
    illustrative: { type: Boolean, default: false },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    updatedBy: { type: String, required: true },
  },
  { versionKey: false, minimize: false },
);
addOutboxFields(schema);

export const batchModel = defineModel<BatchDocument>({
  name: 'Batch',
  collection: 'batches',
  placement: 'national',
  schema,
  outbox: true,
});

/**
 * A batch number in use (`_id: '<number>'`): inserted before a batch takes the number, so two
 * batches can never share one, on any store (a unique `_id` holds on FerretDB and MongoDB alike).
 */
export interface BatchNumberDocument {
  _id: string;
  batchId: string;
}

export const batchNumberModel = defineModel<BatchNumberDocument>({
  name: 'BatchNumber',
  collection: 'batch_numbers',
  placement: 'national',
  schema: new Schema<BatchNumberDocument>(
    { _id: { type: String, required: true }, batchId: { type: String, required: true } },
    { versionKey: false },
  ),
});
