import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';

/**
 * The events a database has applied (`_id` = `<event id>:<purpose>`), in their own collection:
 * a redelivered event finds its id here and changes nothing.
 */
export interface AppliedEventDocument {
  _id: string;
  type: string;
  aggregateId: string;
  appliedAt: Date;
}

export const appliedEventModel = defineModel<AppliedEventDocument>({
  name: 'AppliedEvent',
  collection: 'applied_events',
  placement: 'both',
  schema: new Schema<AppliedEventDocument>(
    {
      _id: { type: String, required: true },
      type: { type: String, required: true },
      aggregateId: { type: String, required: true },
      appliedAt: { type: Date, required: true },
    },
    { versionKey: false },
  ),
});
