import type { Role } from '@tradepilot/contracts';
import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';

/** A user of the built-in identity provider (local and demo only), in `gateway_national`. */
export interface UserDocument {
  _id: string;
  displayName: string;
  passwordHash: string;
  tenant: string | null;
  roles: Role[];
  organisationId: string | null;
  disabled: boolean;
  /** raised when the user is disabled: tokens carrying an older `uv` stop working */
  version: number;
  createdAt: Date;
}

export const userModel = defineModel<UserDocument>({
  name: 'User',
  collection: 'users',
  placement: 'national',
  schema: new Schema<UserDocument>(
    {
      _id: { type: String, required: true },
      displayName: { type: String, required: true },
      passwordHash: { type: String, required: true },
      tenant: { type: String, default: null },
      roles: { type: [String], required: true },
      organisationId: { type: String, default: null },
      disabled: { type: Boolean, default: false },
      version: { type: Number, default: 0 },
      createdAt: { type: Date, required: true },
    },
    { versionKey: false },
  ).index({ tenant: 1 }),
});
