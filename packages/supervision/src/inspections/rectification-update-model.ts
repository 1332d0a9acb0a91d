import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';
import type { RectificationProgress } from './rectification-model';

/**
 * One progress report or submission of a rectification (`<rectificationId>:<version>`), in its own
 * collection rather than a growing array on the rectification; written under the change's claim.
 */
export interface RectificationUpdate extends RectificationProgress {
  _id: string;
  rectificationId: string;
  version: number;
}

const schema = new Schema<RectificationUpdate>(
  {
    _id: { type: String, required: true },
    rectificationId: { type: String, required: true },
    version: { type: Number, required: true },
    kind: { type: String, required: true },
    status: { type: String, required: true },
    narrative: { type: String, required: true },
    attachmentIds: { type: [String], default: [] },
    at: { type: Date, required: true },
    userId: { type: String, required: true },
  },
  { versionKey: false },
);
schema.index({ rectificationId: 1, version: 1 });

export const rectificationUpdateModel = defineModel<RectificationUpdate>({
  name: 'RectificationUpdate',
  collection: 'rectification_updates',
  placement: 'tenant',
  schema,
});

export const rectificationUpdateId = (rectificationId: string, version: number) =>
  `${rectificationId}:${version}`;
