import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';

/** One changed field of a practice. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/**
 * One line of a practice's audit trail (`practices_<province>.practice_audit`): who, in which
 * role, when, what changed and why. Its own collection: the practice document never grows with it.
 */
export interface PracticeAuditDocument {
  _id: string;
  practiceId: string;
  at: Date;
  actor: { userId: string; role: string; organisationId: string | null };
  action: string;
  changes: FieldChange[];
  reason: string | null;
  /** the practice's version after the change */
  version: number;
}

const schema = new Schema<PracticeAuditDocument>(
  {
    _id: { type: String, required: true },
    practiceId: { type: String, required: true },
    at: { type: Date, required: true },
    actor: {
      userId: { type: String, required: true },
      role: { type: String, required: true },
      organisationId: { type: String, default: null },
    },
    action: { type: String, required: true },
    changes: {
      type: [{ _id: false, field: String, before: Schema.Types.Mixed, after: Schema.Types.Mixed }],
      default: [],
    },
    reason: { type: String, default: null },
    version: { type: Number, required: true },
  },
  { versionKey: false, minimize: false },
);
schema.index({ practiceId: 1, at: 1 });

export const practiceAuditModel = defineModel<PracticeAuditDocument>({
  name: 'PracticeAudit',
  collection: 'practice_audit',
  placement: 'tenant',
  schema,
});
