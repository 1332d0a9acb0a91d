import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';
import { auditEntrySchema, type AuditEntry } from './audit-entry';

/**
 * One line of a plan's audit log (`plans_<province>.plan_audit`), `_id` = `<plan id>:<version>`:
 * written with the change that makes that version, so the plan document never grows with it.
 */
export interface PlanAuditDocument extends AuditEntry {
  _id: string;
  planId: string;
}

export const planAuditId = (planId: string, version: number): string => `${planId}:${version}`;

const schema = new Schema<PlanAuditDocument>(
  { _id: { type: String, required: true }, planId: { type: String, required: true } },
  { versionKey: false, minimize: false },
);
schema.add(auditEntrySchema);
schema.index({ planId: 1, version: 1 });

export const planAuditModel = defineModel<PlanAuditDocument>({
  name: 'PlanAudit',
  collection: 'plan_audit',
  placement: 'tenant',
  schema,
});

export const planAuditLine = (planId: string, entry: AuditEntry): PlanAuditDocument => ({
  _id: planAuditId(planId, entry.version),
  planId,
  ...entry,
});
