import { z } from 'zod';

/** How many of the measures applicable to a pilot area the plan's tasks cover. */
export const measureCoverageSchema = z.strictObject({
  applicable: z.int().min(0),
  covered: z.int().min(0),
  /** covered / applicable × 100, one decimal; 100 when nothing applies */
  percent: z.number().min(0).max(100),
});
export type MeasureCoverage = z.infer<typeof measureCoverageSchema>;
