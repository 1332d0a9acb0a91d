import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';

/**
 * One exemplary practice published with one pilot area as its author or co-author
 * (`<practiceId>:<pilotAreaId>`) in `supervision_national.practice_publications`, kept from
 * `practice.published.v1`: the "practices published" indicator counts an area's rows of a round.
 * Writing the same row again changes nothing, so a redelivered event counts once.
 */
export interface PracticePublicationRow {
  _id: string;
  practiceId: string;
  round: number;
  province: string;
  pilotAreaId: string;
  coAuthored: boolean;
  batchNumber: number;
  publishedAt: Date;
}

const schema = new Schema<PracticePublicationRow>(
  {
    _id: { type: String, required: true },
    practiceId: { type: String, required: true },
    round: { type: Number, required: true },
    province: { type: String, required: true },
    pilotAreaId: { type: String, required: true },
    coAuthored: { type: Boolean, required: true },
    batchNumber: { type: Number, required: true },
    publishedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
schema.index({ round: 1, pilotAreaId: 1 });

export const practicePublicationModel = defineModel<PracticePublicationRow>({
  name: 'PracticePublication',
  collection: 'practice_publications',
  placement: 'national',
  schema,
});
