import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';

/** A ministry read of one province's plan (`plans_national.national_reads`): cross-tenant reads are audited. */
export interface NationalReadDocument {
  _id: string;
  at: Date;
  userId: string;
  role: string;
  procedure: string;
  province: string;
  planId: string;
}

const schema = new Schema<NationalReadDocument>(
  {
    _id: { type: String, required: true },
    at: { type: Date, required: true },
    userId: { type: String, required: true },
    role: { type: String, required: true },
    procedure: { type: String, required: true },
    province: { type: String, required: true },
    planId: { type: String, required: true },
  },
  { versionKey: false },
);
schema.index({ province: 1, planId: 1, at: -1 });

export const nationalReadModel = defineModel<NationalReadDocument>({
  name: 'NationalRead',
  collection: 'national_reads',
  placement: 'national',
  schema,
});
