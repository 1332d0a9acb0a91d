import { defineModel, type TenantDatabases, type TenantScope } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';
import { insertOnce } from './duplicate-guards';

/**
 * The events a database has applied, one small document each (`_id` = `<event id>:<purpose>`),
 * instead of an ever-growing array on the aggregate: a redelivered event finds its id and
 * changes nothing. Recorded after the change it guards; a crash in between is absorbed by the
 * handler's own state check (a decided plan or application ignores a second decision).
 */
export interface AppliedEventDocument {
  _id: string;
  eventId: string;
  purpose: string;
  aggregateId: string;
  appliedAt: Date;
}

export const appliedEventId = (eventId: string, purpose: string): string => `${eventId}:${purpose}`;

export const appliedEventModel = defineModel<AppliedEventDocument>({
  name: 'AppliedEvent',
  collection: 'applied_events',
  placement: 'both',
  schema: new Schema<AppliedEventDocument>(
    {
      _id: { type: String, required: true },
      eventId: { type: String, required: true },
      purpose: { type: String, required: true },
      aggregateId: { type: String, required: true },
      appliedAt: { type: Date, required: true },
    },
    { versionKey: false },
  ),
});

export class AppliedEvents {
  constructor(private readonly databases: TenantDatabases) {}

  async wasApplied(scope: TenantScope, eventId: string, purpose: string): Promise<boolean> {
    const model = await this.databases.model(scope, appliedEventModel);
    // a find by _id: countDocuments is an aggregation on FerretDB, several times slower
    return (await model.exists({ _id: appliedEventId(eventId, purpose) })) !== null;
  }

  /** Records that `eventId` was applied for `purpose`; false when it already was. */
  async markApplied(
    scope: TenantScope,
    applied: { eventId: string; purpose: string; aggregateId: string },
    now: Date,
  ): Promise<boolean> {
    const model = await this.databases.model(scope, appliedEventModel);
    const document = { _id: appliedEventId(applied.eventId, applied.purpose), ...applied, appliedAt: now };
    return (await insertOnce(() => model.create(document))) === 'inserted';
  }
}
