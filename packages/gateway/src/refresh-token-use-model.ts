import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';

/**
 * The one use of a refresh token, claimed by inserting this document under the token's `_id`:
 * of two concurrent refreshes with one token exactly one insert succeeds (a conditional update
 * can succeed twice on FerretDB). Swept once the token has expired (no TTL index on FerretDB).
 */
export interface RefreshTokenUseDocument {
  _id: string;
  usedAt: Date;
  expiresAt: Date;
}

export const refreshTokenUseModel = defineModel<RefreshTokenUseDocument>({
  name: 'RefreshTokenUse',
  collection: 'refresh_token_uses',
  placement: 'national',
  schema: new Schema<RefreshTokenUseDocument>(
    {
      _id: { type: String, required: true },
      usedAt: { type: Date, required: true },
      expiresAt: { type: Date, required: true },
    },
    { versionKey: false },
  ).index({ expiresAt: 1 }),
});
