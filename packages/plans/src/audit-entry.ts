import type { EventActor } from '@tradepilot/contracts';
import { Schema } from 'mongoose';
import { isDeepStrictEqual } from 'node:util';

/** One changed field: `field` is a path such as `title` or `tasks.t1.kpis`. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** One line of an audit log: who, in which role, when, what changed and why. */
export interface AuditEntry {
  at: Date;
  actor: { userId: string; role: string; organisationId: string | null };
  action: string;
  changes: FieldChange[];
  reason: string | null;
  /** the record's version after the change */
  version: number;
}

export interface AuditEntryView extends Omit<AuditEntry, 'at'> {
  at: string;
}

export const auditEntrySchema = new Schema<AuditEntry>(
  {
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
  { _id: false, minimize: false },
);

export function auditEntry(
  actor: EventActor,
  action: string,
  at: Date,
  version: number,
  changes: FieldChange[] = [],
  reason: string | null = null,
): AuditEntry {
  return {
    at,
    actor: { userId: actor.userId, role: actor.role, organisationId: actor.organisationId },
    action,
    changes,
    reason,
    version,
  };
}

/** The fields of `after` whose value differs from `before` (missing values read as null). */
export function changedFields<T extends object>(before: T, after: Partial<T>, fields: (keyof T & string)[]) {
  const changes: FieldChange[] = [];
  for (const field of fields) {
    if (!(field in after)) continue;
    const was = before[field] ?? null;
    const now = after[field] ?? null;
    if (!isDeepStrictEqual(plain(was), plain(now))) changes.push({ field, before: was, after: now });
  }
  return changes;
}

/** Values read from the database and values from input compare by content only. */
export const plain = (value: unknown): unknown =>
  value === undefined ? null : JSON.parse(JSON.stringify(value));

export const toAuditView = (entry: AuditEntry): AuditEntryView => ({
  ...entry,
  at: entry.at.toISOString(),
});
