import { z } from 'zod';

/**
 * Where a measure stands in a pilot area: implemented when every task mapped to it is
 * implemented; not planned when no task of the plan in force maps to it.
 */
export const measureImplementationStatuses = ['implemented', 'not_implemented', 'not_planned'] as const;
export const measureImplementationStatusSchema = z.enum(measureImplementationStatuses);
export type MeasureImplementationStatus = z.infer<typeof measureImplementationStatusSchema>;
