import { adoptionStatuses } from '@tradepilot/contracts';
import { addOutboxFields, type OutboxFields } from '@tradepilot/messaging';
import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';
import type { AttachmentRef } from './practice-model';

export type AdoptionStatus = (typeof adoptionStatuses)[number];

/** Which status may follow which: planned → in progress → adopted; dropped from any open one. */
export const nextStatuses: Record<AdoptionStatus, readonly AdoptionStatus[]> = {
  planned: ['in-progress', 'dropped'],
  'in-progress': ['adopted', 'dropped'],
  adopted: [],
  dropped: [],
};

/**
 * A province's (or one of its areas') replication of a published practice, in the adopting
 * province's database (`practices_<province>.adoptions`), with the local plan task it became.
 */
export interface AdoptionDocument extends OutboxFields {
  _id: string;
  practiceId: string;
  pilotAreaId: string | null;
  localUnit: string;
  status: AdoptionStatus;
  date: string;
  reason: string | null;
  evidence: AttachmentRef[];
  planId: string | null;
  planTaskId: string | null;
  /** the province and area that originated the practice, and its batch (null on adoptions from before they were kept) */
  origin?: { province: string; pilotAreaId: string } | null;
  batchNumber?: number | null;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string;
}

const schema = new Schema<AdoptionDocument>(
  {
    _id: { type: String, required: true },
    practiceId: { type: String, required: true },
    pilotAreaId: { type: String, default: null },
    localUnit: { type: String, required: true },
    status: { type: String, enum: adoptionStatuses, required: true },
    date: { type: String, required: true },
    reason: { type: String, default: null },
    evidence: {
      type: [{ _id: false, id: String, filename: String, contentType: String, size: Number }],
      default: [],
    },
    planId: { type: String, default: null },
    planTaskId: { type: String, default: null },
    origin: { type: new Schema({ province: String, pilotAreaId: String }, { _id: false }), default: null },
    batchNumber: { type: Number, default: null },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    updatedBy: { type: String, required: true },
  },
  { versionKey: false, minimize: false },
);
addOutboxFields(schema);

export const adoptionModel = defineModel<AdoptionDocument>({
  name: 'Adoption',
  collection: 'adoptions',
  placement: 'tenant',
  schema,
  outbox: true,
});

/**
 * The national adoption projection (`practices_national.adoption_projection`): one small
 * document per practice with the latest state of each adoption, keyed by province then adoption.
 */
export interface AdoptionProjectionDocument {
  _id: string;
  provinces: Record<string, Record<string, AdoptionCell>>;
  version: number;
}

export interface AdoptionCell {
  status: AdoptionStatus;
  pilotAreaId: string | null;
  localUnit: string;
  date: string;
  planTaskId: string | null;
  /** the adoption's event sequence applied last: an older event never overwrites a newer one */
  sequence: number;
}

export const adoptionProjectionModel = defineModel<AdoptionProjectionDocument>({
  name: 'AdoptionProjection',
  collection: 'adoption_projection',
  placement: 'national',
  schema: new Schema<AdoptionProjectionDocument>(
    {
      _id: { type: String, required: true },
      provinces: { type: Schema.Types.Mixed, default: {} },
      version: { type: Number, required: true, default: 1 },
    },
    { versionKey: false, minimize: false },
  ),
});
