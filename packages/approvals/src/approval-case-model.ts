import type { CaseSubject, LocalizedText } from '@tradepilot/contracts';
import { addOutboxFields, type OutboxFields } from '@tradepilot/messaging';
import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';
import { caseStatuses, stepStatuses, type ChainState } from './case-chain';

export { caseStatuses, type CaseStatus } from './case-chain';

/**
 * An approval case, stored in the database of the province whose subject it decides. It refers to
 * its subject and keeps only a title and summary of it; the chain runs in `steps`. `cases` holds
 * the open ones and the closed ones whose events are not yet published: a closed case moves to
 * `decided_cases` then (`decided-cases.ts`), so the hot reads scan current state only.
 */
export interface ApprovalCaseDocument extends OutboxFields, ChainState {
  _id: string;
  caseType: string;
  subject: CaseSubject;
  title: LocalizedText;
  summary: string | null;
  /** the organisation that submitted the subject (a pilot area, a province) */
  originatorOrganisationId: string | null;
  /** central departments the subject names (consulted where the chain says so) */
  departments: string[];
  previousCaseId: string | null;
  openedAt: Date;
  /** the event that opened the case (its id is derived from it) */
  openedByEventId: string;
  closedAt: Date | null;
  /** derived from the steps on every write, for queries: approver keys `role@organisation` */
  awaiting: string[];
  escalatedTo: string[];
  nextDueAt: Date | null;
  /** the next reminder or escalation the scheduler must fire */
  nextTimerAt: Date | null;
  /** local days, for the national summary's counts by age and by due day */
  openedOn: string;
  activeDueOns: string[];
}

const localizedText = { 'zh-CN': { type: String, required: true }, en: { type: String, default: '' } };
const approver = {
  _id: false,
  role: { type: String, required: true },
  organisationId: { type: String, required: true },
};
const stepPlan = {
  key: { type: String, required: true },
  name: localizedText,
  approver,
  actions: { type: [String], default: [] },
  workingDays: { type: Number, default: null },
};

const stepSchema = new Schema(
  {
    ...stepPlan,
    id: { type: String, required: true },
    level: { type: Number, required: true },
    status: { type: String, enum: stepStatuses, required: true },
    current: { type: Boolean, required: true },
    activatedAt: { type: Date, default: null },
    activatedAtVersion: { type: Number, default: null },
    dueOn: { type: String, default: null },
    dueAt: { type: Date, default: null },
    remindAt: { type: Date, default: null },
    remindedAt: { type: Date, default: null },
    escalatedAt: { type: Date, default: null },
    escalateTo: { type: [approver], default: [] },
    decision: {
      type: new Schema(
        {
          action: { type: String, required: true },
          reason: { type: String, default: null },
          decidedBy: { type: String, required: true },
          actingForUserId: { type: String, default: null },
          actingRole: { type: String, required: true },
          decidedAt: { type: Date, required: true },
        },
        { _id: false },
      ),
      default: null,
    },
  },
  { _id: false },
);

/** The stored shape of a case, in `cases` while it is current and in `decided_cases` after. */
export const approvalCaseSchema = () =>
  addOutboxFields(
    new Schema<ApprovalCaseDocument>(
      {
        _id: { type: String, required: true },
        caseType: { type: String, required: true },
        subject: {
          service: { type: String, required: true },
          type: { type: String, required: true },
          id: { type: String, required: true },
          version: { type: Number, required: true },
        },
        title: localizedText,
        summary: { type: String, default: null },
        originatorOrganisationId: { type: String, default: null },
        departments: { type: [String], default: [] },
        previousCaseId: { type: String, default: null },
        status: { type: String, enum: caseStatuses, required: true },
        level: { type: Number, required: true },
        chain: {
          type: [
            new Schema(
              {
                level: Number,
                key: String,
                name: localizedText,
                steps: [new Schema(stepPlan, { _id: false })],
              },
              { _id: false },
            ),
          ],
          default: [],
        },
        steps: { type: [stepSchema], default: [] },
        fixedDueOn: { type: String, default: null },
        reminderWorkingDaysBefore: { type: Number, required: true },
        finalEscalation: { type: [approver], default: [] },
        openedAt: { type: Date, required: true },
        openedByEventId: { type: String, required: true },
        closedAt: { type: Date, default: null },
        awaiting: { type: [String], default: [] },
        escalatedTo: { type: [String], default: [] },
        nextDueAt: { type: Date, default: null },
        nextTimerAt: { type: Date, default: null },
        openedOn: { type: String, required: true },
        activeDueOns: { type: [String], default: [] },
      },
      { versionKey: false },
    ),
  );

const schema = approvalCaseSchema();
schema.index({ status: 1, openedAt: 1 });
schema.index({ 'subject.id': 1, 'subject.version': 1 });
schema.index({ awaiting: 1, nextDueAt: 1 });
schema.index({ escalatedTo: 1 });
schema.index({ nextTimerAt: 1 });
schema.index({ previousCaseId: 1 });

export const approvalCaseModel = defineModel<ApprovalCaseDocument>({
  name: 'ApprovalCase',
  collection: 'cases',
  placement: 'tenant',
  outbox: true,
  schema,
});
