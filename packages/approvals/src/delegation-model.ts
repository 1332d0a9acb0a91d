import type { Role } from '@tradepilot/contracts';
import { addOutboxFields, type OutboxFields } from '@tradepilot/messaging';
import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';

/**
 * An officer's approvals delegated to a colleague of the same organisation for a window of days.
 * Stored where the delegator works: the province's database, or the national one.
 */
export interface DelegationDocument extends OutboxFields {
  _id: string;
  delegatorUserId: string;
  delegateUserId: string;
  role: Role;
  organisationId: string;
  /** inclusive days, China Standard Time */
  from: string;
  until: string;
  reason: string | null;
  createdAt: Date;
}

const schema = addOutboxFields(
  new Schema<DelegationDocument>(
    {
      _id: { type: String, required: true },
      delegatorUserId: { type: String, required: true },
      delegateUserId: { type: String, required: true },
      role: { type: String, required: true },
      organisationId: { type: String, required: true },
      from: { type: String, required: true },
      until: { type: String, required: true },
      reason: { type: String, default: null },
      createdAt: { type: Date, required: true },
    },
    { versionKey: false },
  ),
);
schema.index({ delegateUserId: 1, until: 1 });
schema.index({ delegatorUserId: 1, until: 1 });

export const delegationModel = defineModel<DelegationDocument>({
  name: 'Delegation',
  collection: 'delegations',
  placement: 'both',
  outbox: true,
  schema,
});
