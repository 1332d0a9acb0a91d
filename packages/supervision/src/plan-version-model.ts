import type { ApplicableMeasure, PlanTask } from '@tradepilot/contracts';
import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';

/**
 * One approved version of a pilot area's plan (`<round>:<pilotAreaId>:<submission>`), written
 * once from `plan.approved.v1` and never changed: a period reports on the version in force for
 * it, so an amendment never rewrites what past periods were measured against.
 */
export interface PlanVersionDocument {
  _id: string;
  planId: string;
  round: number;
  pilotAreaId: string;
  submission: number;
  amendment: boolean;
  tasks: PlanTask[];
  /** every measure a task of this version maps to */
  measureIds: string[];
  /** the departments the catalog names responsible for each of those measures (key issues go to them) */
  measureDepartments?: { measureId: string; departmentIds: string[] }[];
  /**
   * the catalog's measures applicable to the area at approval, with the plan's explanation of
   * those no task covers; null for versions approved before the event carried them
   */
  applicableMeasures?: ApplicableMeasure[] | null;
  approvedAt: Date;
  /** the approval event, for the record */
  eventId: string;
}

const taskSchema = new Schema<PlanTask>(
  {
    id: String,
    measureIds: [String],
    description: String,
    leadUnit: String,
    supportingUnits: [String],
    milestones: [{ _id: false, title: String, due: String }],
    kpis: [{ _id: false, name: String, unit: String, baseline: Number, target: Number, due: String }],
    keyProgram: Boolean,
  },
  { _id: false },
);

const schema = new Schema<PlanVersionDocument>(
  {
    _id: { type: String, required: true },
    planId: { type: String, required: true },
    round: { type: Number, required: true },
    pilotAreaId: { type: String, required: true },
    submission: { type: Number, required: true },
    amendment: { type: Boolean, required: true },
    tasks: { type: [taskSchema], default: [] },
    measureIds: { type: [String], default: [] },
    measureDepartments: { type: [{ _id: false, measureId: String, departmentIds: [String] }], default: [] },
    applicableMeasures: {
      type: [
        {
          _id: false,
          measureId: String,
          taskGroupId: String,
          responsibleDepartments: [String],
          explanation: { type: String, default: null },
        },
      ],
      default: null,
    },
    approvedAt: { type: Date, required: true },
    eventId: { type: String, required: true },
  },
  { versionKey: false },
);
schema.index({ round: 1, pilotAreaId: 1 });

export const planVersionModel = defineModel<PlanVersionDocument>({
  name: 'PlanVersion',
  collection: 'plan_versions',
  placement: 'tenant',
  schema,
});

export const planVersionId = (round: number, pilotAreaId: string, submission: number) =>
  `${round}:${pilotAreaId}:${submission}`;
