import { z } from 'zod';

/**
 * A measure of the catalog that applies to the pilot area, as the approved version covers it: the
 * tasks that map to it carry its implementation; a measure no task maps to is "not planned" and
 * carries the plan's explanation of why.
 */
export const applicableMeasureSchema = z.strictObject({
  measureId: z.string().min(1).max(32),
  taskGroupId: z.string().min(1).max(64),
  /** central departments responsible for it (catalog ids) */
  responsibleDepartments: z.array(z.string().min(1).max(64)).max(30),
  /** the plan's coverage explanation when no task maps to it; null when a task covers it */
  explanation: z.string().max(4000).nullable(),
});
export type ApplicableMeasure = z.infer<typeof applicableMeasureSchema>;
