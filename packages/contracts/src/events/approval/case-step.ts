import { z } from 'zod';
import { roleSchema } from '../../roles';
import { caseSubjectSchema } from './case-subject';

/** Who may act on a step: a role within one organisation (a province, `mofcom`, a central department). */
export const approverSchema = z.strictObject({
  role: roleSchema,
  organisationId: z.string().min(1).max(64),
});
export type Approver = z.infer<typeof approverSchema>;

/** A step that is awaiting its approver, as events carry it (for inboxes and projections). */
export const openStepSchema = z.strictObject({
  stepId: z.string().min(1).max(64),
  level: z.int().min(1),
  approver: approverSchema,
  dueAt: z.iso.datetime(),
  /** whose overdue list the step is on (empty until it is overdue) */
  escalatedTo: z.array(approverSchema).max(20),
});
export type OpenStep = z.infer<typeof openStepSchema>;

export const stepActions = ['approve', 'return_to_previous', 'return_to_originator', 'reject'] as const;
export type StepAction = (typeof stepActions)[number];

/**
 * The fields that name one step of one case, shared by every step-level event (decided,
 * reminder, escalation); each event adds what happened to the step.
 */
export const stepReferenceShape = {
  caseId: z.string().min(1),
  caseType: z.string().min(1).max(32),
  subject: caseSubjectSchema,
  stepId: z.string().min(1).max(64),
  level: z.int().min(1),
  approver: approverSchema,
};
