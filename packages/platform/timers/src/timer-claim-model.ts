import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';

/**
 * The claim on one due item (`subject:kind:dueAt`): inserting it is how a scheduler takes the
 * item, its unique _id is the race two schedulers run. A fired claim stays as the record that the
 * item fired; an unfinished one expires after its lease.
 */
export interface TimerClaimDocument {
  _id: string;
  owner: string;
  claimedAt: Date;
  leaseUntil: Date;
  firedAt: Date | null;
  outcome: string | null;
}

export const timerClaimModel = defineModel<TimerClaimDocument>({
  name: 'TimerClaim',
  collection: 'timer_claims',
  placement: 'both',
  schema: new Schema<TimerClaimDocument>(
    {
      _id: { type: String, required: true },
      owner: { type: String, required: true },
      claimedAt: { type: Date, required: true },
      leaseUntil: { type: Date, required: true },
      firedAt: { type: Date, default: null },
      outcome: { type: String, default: null },
    },
    { versionKey: false },
  ),
});
