import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';

/**
 * One sign-in attempt reserved against a limit, in `gateway_national`: `_id` is
 * `<counter>#<slot>#<generation>`: a limit of n attempts is n slots, an attempt holds its slot
 * for the window after it was made, and the next attempt on a freed slot is its next
 * generation, so two claims of one slot meet on the unique `_id`, whichever gateway replica
 * makes them. Swept a window after `expiresAt` (no TTL index: FerretDB has none).
 */
export interface LoginAttemptDocument {
  _id: string;
  /** `account:<user name>` or `address:<client address>` */
  counter: string;
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
      expiresAt: { type: Date, required: true },
    },
    { versionKey: false },
  )
    .index({ counter: 1, expiresAt: 1 })
    .index({ expiresAt: 1 }),
});
