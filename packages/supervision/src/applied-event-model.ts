import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';

/**
 * The events a consumer has applied, one small document each (`<purpose>:<eventId>`), in their
 * own collection rather than an ever-growing array on the aggregate (DESIGN.md, storage subset).
 */
export interface AppliedEventDocument {
  _id: string;
  eventId: string;
  purpose: string;
  appliedAt: Date;
}

const schema = new Schema<AppliedEventDocument>(
  {
    _id: { type: String, required: true },
    eventId: { type: String, required: true },
    purpose: { type: String, required: true },
    appliedAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export const appliedEventModel = defineModel<AppliedEventDocument>({
  name: 'AppliedEvent',
  collection: 'applied_events',
  placement: 'both',
  schema,
});

export const appliedEventId = (purpose: string, eventId: string) => `${purpose}:${eventId}`;
