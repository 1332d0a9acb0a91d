import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { localizedTextSchema } from '../../localized-text';
import { topics } from '../../topics';
import { measureCoverageSchema } from './measure-coverage';
import { planTaskSchema } from './plan-task';

/** A province submitted an implementation plan for approval; the tasks are frozen as submitted. */
export const planSubmittedV1 = defineEvent({
  type: 'plan.submitted.v1',
  topic: topics.plan,
  data: z.strictObject({
    planId: z.string().min(1),
    pilotAreaId: z.string().min(1),
    /** the program round of the plan. Optional: added after v1. */
    round: z.int().min(2000).optional(),
    title: localizedTextSchema,
    /** 1 for the first submission, +1 for each resubmission or amendment */
    submission: z.int().min(1),
    submittedAt: z.iso.datetime(),
    tasks: z.array(planTaskSchema),
    /**
     * Central departments responsible for the measures the tasks cover (from the measures
     * catalog); the approval engine may consult them in parallel. Optional: added after v1.
     */
    responsibleDepartments: z.array(z.string().min(1).max(32)).max(30).optional(),
    /** how many applicable measures the tasks cover. Optional: added after v1. */
    measureCoverage: measureCoverageSchema.optional(),
    /** an amendment of an approved plan. Optional: added after v1. */
    amendment: z.boolean().optional(),
  }),
});
