import type { Role } from '@tradepilot/contracts';
import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';

export const auditKinds = ['cross-province-read', 'cross-province-change', 'platform-change'] as const;
export type AuditKind = (typeof auditKinds)[number];

/**
 * One call on the record (`gateway_national.audit_log`): who (user, role, organisation), which
 * provinces the call reached, what (procedure and input), when, and how it ended.
 */
export interface AuditEntryDocument {
  _id: string;
  at: Date;
  kind: AuditKind;
  userId: string;
  role: Role;
  organisationId: string | null;
  procedure: string;
  /** the input as JSON (cut at 2000 characters): stored as text so no key is read as an operator */
  input: string | null;
  provinces: string[];
  outcome: 'ok' | 'error';
  errorCode: string | null;
  traceId: string | null;
  via: 'trpc' | 'rest';
}

export const auditEntryModel = defineModel<AuditEntryDocument>({
  name: 'AuditEntry',
  collection: 'audit_log',
  placement: 'national',
  schema: new Schema<AuditEntryDocument>(
    {
      _id: { type: String, required: true },
      at: { type: Date, required: true },
      kind: { type: String, enum: auditKinds, required: true },
      userId: { type: String, required: true },
      role: { type: String, required: true },
      organisationId: { type: String, default: null },
      procedure: { type: String, required: true },
      input: { type: String, default: null },
      provinces: { type: [String], default: [] },
      outcome: { type: String, enum: ['ok', 'error'], required: true },
      errorCode: { type: String, default: null },
      traceId: { type: String, default: null },
      via: { type: String, enum: ['trpc', 'rest'], required: true },
    },
    { versionKey: false },
  )
    .index({ at: -1 })
    .index({ userId: 1, at: -1 })
    .index({ provinces: 1, at: -1 })
    .index({ procedure: 1, at: -1 }),
});
