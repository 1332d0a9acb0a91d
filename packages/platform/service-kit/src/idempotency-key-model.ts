import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';

/**
 * A creating call's `Idempotency-Key`, claimed by inserting this document (unique `_id` derived
 * from scope, user, procedure and key) before the effect. It names the id the created document
 * gets, so the effect itself is one insert under that id, which any retry repeats harmlessly.
 * Kept 24 h, then swept (no TTL index: FerretDB has none).
 */
export interface IdempotencyKeyDocument {
  _id: string;
  procedure: string;
  userId: string;
  inputHash: string;
  resultId: string;
  createdAt: Date;
  expiresAt: Date;
}

export const idempotencyKeyModel = defineModel<IdempotencyKeyDocument>({
  name: 'IdempotencyKey',
  collection: 'idempotency_keys',
  placement: 'both',
  schema: new Schema<IdempotencyKeyDocument>(
    {
      _id: { type: String, required: true },
      procedure: { type: String, required: true },
      userId: { type: String, required: true },
      inputHash: { type: String, required: true },
      resultId: { type: String, required: true },
      createdAt: { type: Date, required: true },
      expiresAt: { type: Date, required: true },
    },
    { versionKey: false },
  ).index({ expiresAt: 1 }),
});
