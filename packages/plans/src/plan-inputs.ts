import { localizedTextSchema, planTaskSchema } from '@tradepilot/contracts';
import { z } from 'zod';

const planId = z.uuid();
const pilotAreaId = z.string().regex(/^[a-z][a-z0-9-]{1,31}$/);

export const createPlanInput = z.strictObject({
  pilotAreaId,
  title: localizedTextSchema,
  tasks: z.array(planTaskSchema).max(200).default([]),
});
export type CreatePlanInput = z.infer<typeof createPlanInput>;

export const submitPlanInput = z.strictObject({
  planId,
  /** the version the submitter saw: a plan changed since is not submitted */
  version: z.int().min(1),
});

export const getPlanInput = z.strictObject({ planId });

export const listPlansInput = z.strictObject({ pilotAreaId: pilotAreaId.optional() }).default({});
