import type { EventActor } from '@tradepilot/contracts';
import { defineModel } from '@tradepilot/tenancy';
import { Schema, type Model } from 'mongoose';

export interface AuditedChange {
  field: string;
  before: unknown;
  after: unknown;
}

/**
 * One state change of a record (a supervision report, key issue, period, …): who, what, when and
 * why. In its own collection, one document per change, never inside the record it describes.
 */
export interface AuditTrailEntry {
  _id: string;
  subjectType: string;
  subjectId: string;
  action: string;
  at: Date;
  userId: string;
  role: string;
  organisationId: string | null;
  /** the record's version after the change (null for records without one) */
  version: number | null;
  changes: AuditedChange[];
  reason: string | null;
}

const schema = new Schema<AuditTrailEntry>(
  {
    _id: { type: String, required: true },
    subjectType: { type: String, required: true },
    subjectId: { type: String, required: true },
    action: { type: String, required: true },
    at: { type: Date, required: true },
    userId: { type: String, required: true },
    role: { type: String, required: true },
    organisationId: { type: String, default: null },
    version: { type: Number, default: null },
    changes: {
      type: [{ _id: false, field: String, before: Schema.Types.Mixed, after: Schema.Types.Mixed }],
      default: [],
    },
    reason: { type: String, default: null },
  },
  { versionKey: false },
);
schema.index({ subjectType: 1, subjectId: 1, at: 1 });

export const auditTrailModel = defineModel<AuditTrailEntry>({
  name: 'AuditTrail',
  collection: 'audit_trail',
  placement: 'both',
  schema,
});

/** The audit line of one versioned change of a record (`<subjectType>:<id>:<version>`). */
export function versionedAuditLine(
  subject: { type: string; id: string },
  version: number,
  actor: EventActor,
  at: Date,
  action: string,
  changes: AuditedChange[],
  reason: string | null = null,
): AuditTrailEntry {
  return {
    _id: `${subject.type}:${subject.id}:${version}`,
    subjectType: subject.type,
    subjectId: subject.id,
    action,
    at,
    userId: actor.userId,
    role: actor.role,
    organisationId: actor.organisationId,
    version,
    changes,
    reason,
  };
}

/** Reads at once: a record changed hundreds of times does not open hundreds of queries together. */
const linesAtOnce = 16;

/**
 * The audit lines of one versioned record, oldest first: versions 1 to `upTo`, each read by its
 * `_id` (`versionedAuditLine`), skipping versions that left none. A filter on the subject would
 * be the same answer, but FerretDB parses every line of the province's trail for it (a report's
 * first save names every task), while it answers an exact `_id` without a scan.
 */
export async function versionedAuditLines(
  trail: Model<AuditTrailEntry>,
  subject: { type: string; id: string },
  upTo: number,
): Promise<AuditTrailEntry[]> {
  const lines: AuditTrailEntry[] = [];
  for (let from = 1; from <= upTo; from += linesAtOnce) {
    const versions = Array.from({ length: Math.min(linesAtOnce, upTo - from + 1) }, (_, i) => from + i);
    const read = await Promise.all(
      versions.map((v) => trail.findById(`${subject.type}:${subject.id}:${v}`).lean<AuditTrailEntry>()),
    );
    for (const line of read) if (line) lines.push(line);
  }
  return lines;
}
