import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';

/**
 * One sign-in attempt reserved against a limit, in `gateway_national`: `_id` is
 * `<counter>|<window>|<slot>`, so a limit of n attempts is n possible documents and the
 * (n+1)th insert fails on the unique `_id`, whichever gateway replica makes it. Swept after
 * `expiresAt` (no TTL index: FerretDB has none).
 */
export interface LoginAttemptDocument {
  _id: string;
  /** `account:<user name>` or `address:<client address>` */
  counter: string;
  window: number;
  expiresAt: Date;
}

export const loginAttemptModel = defineModel<LoginAttemptDocument>({
  name: 'LoginAttempt',
  collection: 'login_attempts',
  placement: 'national',
  schema: new Schema<LoginAttemptDocument>(
    {
      _id: { type: String, required: true },
      counter: { type: String, required: true },
      window: { type: Number, required: true },
      expiresAt: { type: Date, required: true },
    },
    { versionKey: false },
  )
    .index({ counter: 1, window: 1 })
    .index({ expiresAt: 1 }),
});
