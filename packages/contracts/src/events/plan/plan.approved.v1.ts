import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { localizedTextSchema } from '../../localized-text';
import { topics } from '../../topics';
import { applicableMeasureSchema } from './applicable-measure';
import { measureCoverageSchema } from './measure-coverage';
import { planPeriodSchema } from './plan-period';
import { planTaskSchema } from './plan-task';

/**
 * A submission was approved and is now the version in force: its tasks, milestones and KPIs are
 * what the pilot area reports progress on.
 */
export const planApprovedV1 = defineEvent({
  type: 'plan.approved.v1',
  topic: topics.plan,
  data: z.strictObject({
    planId: z.string().min(1),
    pilotAreaId: z.string().min(1),
    round: z.int().min(2000),
    title: localizedTextSchema,
    period: planPeriodSchema,
    /** the submission approved: the version in force from now on */
    submission: z.int().min(1),
    /** true when it replaces an earlier approved version */
    amendment: z.boolean(),
    /** the plan's status after the approval (an amended plan in implementation stays so) */
    status: z.enum(['approved', 'implementing']),
    tasks: z.array(planTaskSchema),
    measureCoverage: measureCoverageSchema,
    /**
     * The catalog's measures applicable to the area at approval, with the plan's explanation for
     * each one no task covers (additive: older events lack it)
     */
    applicableMeasures: z.array(applicableMeasureSchema).max(500).optional(),
    caseId: z.string().min(1),
    /**
     * The central departments the measures catalog names responsible for each measure the tasks
     * map to (key issues are routed to them). Optional: added after v1.
     */
    measureDepartments: z
      .array(
        z.strictObject({
          measureId: z.string().min(1).max(32),
          departmentIds: z.array(z.string().min(1).max(32)).max(30),
        }),
      )
      .max(500)
      .optional(),
    approvedAt: z.iso.datetime(),
  }),
});
