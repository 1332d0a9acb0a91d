import type { LocalizedText, PlanTask } from '@tradepilot/contracts';
import { addOutboxFields, type OutboxFields } from '@tradepilot/messaging';
import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';

export const planStatuses = [
  'drafting',
  'submitted',
  'returned',
  'approved',
  'implementing',
  'closed',
] as const;
export type PlanStatus = (typeof planStatuses)[number];

/** The program round plans belong to (third round, 2020). */
export const currentRound = 2020;

/** An implementation plan in its province's database (`plans_<province>`). */
export interface PlanDocument extends OutboxFields {
  _id: string;
  round: number;
  pilotAreaId: string;
  title: LocalizedText;
  status: PlanStatus;
  /** submissions so far; the next submission's number is this + 1 */
  submission: number;
  tasks: PlanTask[];
  returnReason: string | null;
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
  updatedBy: string;
  submittedAt: Date | null;
  approvedAt: Date | null;
  /** approval decisions already applied (duplicate guard for redelivered events) */
  appliedEventIds: string[];
}

const localizedText = { 'zh-CN': { type: String, required: true }, en: { type: String, default: '' } };

const taskSchema = new Schema<PlanTask>(
  {
    id: { type: String, required: true },
    measureIds: { type: [String], default: [] },
    description: { type: String, required: true },
    leadUnit: { type: String, required: true },
    supportingUnits: { type: [String], default: [] },
    milestones: { type: [{ _id: false, title: String, due: String }], default: [] },
    kpis: {
      type: [{ _id: false, name: String, unit: String, baseline: Number, target: Number, due: String }],
      default: [],
    },
    keyProgram: { type: Boolean, default: false },
  },
  { _id: false },
);

const planSchema = addOutboxFields(
  new Schema<PlanDocument>(
    {
      _id: { type: String, required: true },
      round: { type: Number, required: true },
      pilotAreaId: { type: String, required: true },
      title: localizedText,
      status: { type: String, enum: planStatuses, required: true },
      submission: { type: Number, required: true, default: 0 },
      tasks: { type: [taskSchema], default: [] },
      returnReason: { type: String, default: null },
      createdAt: { type: Date, required: true },
      createdBy: { type: String, required: true },
      updatedAt: { type: Date, required: true },
      updatedBy: { type: String, required: true },
      submittedAt: { type: Date, default: null },
      approvedAt: { type: Date, default: null },
      appliedEventIds: { type: [String], default: [] },
    },
    { versionKey: false },
  ),
);
// one plan per pilot area per round
planSchema.index({ pilotAreaId: 1, round: 1 }, { unique: true });
planSchema.index({ status: 1, updatedAt: -1 });

export const planModel = defineModel<PlanDocument>({
  name: 'Plan',
  collection: 'plans',
  placement: 'tenant',
  outbox: true,
  schema: planSchema,
});
