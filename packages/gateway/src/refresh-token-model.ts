import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';

/**
 * A refresh token of the built-in identity provider, stored by the SHA-256 of its value (the
 * value itself is never stored). Each refresh replaces it by a new one of the same family; a
 * token used twice means it was stolen, and the whole family is revoked.
 */
export interface RefreshTokenDocument {
  _id: string;
  userId: string;
  familyId: string;
  issuedAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
  revokedReason: string | null;
}

export const refreshTokenModel = defineModel<RefreshTokenDocument>({
  name: 'RefreshToken',
  collection: 'refresh_tokens',
  placement: 'national',
  schema: new Schema<RefreshTokenDocument>(
    {
      _id: { type: String, required: true },
      userId: { type: String, required: true },
      familyId: { type: String, required: true },
      issuedAt: { type: Date, required: true },
      expiresAt: { type: Date, required: true },
      usedAt: { type: Date, default: null },
      revokedAt: { type: Date, default: null },
      revokedReason: { type: String, default: null },
    },
    { versionKey: false },
  )
    .index({ familyId: 1 })
    .index({ userId: 1 }),
});
