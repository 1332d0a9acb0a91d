import { z } from 'zod';

/** Whether a report arrived by its period's due date (or the due date of an exception). */
export const reportTimelinessSchema = z.strictObject({
  status: z.enum(['on_time', 'late']),
  /** working days after the due date; 0 when on time */
  daysLate: z.int().min(0),
});
export type ReportTimeliness = z.infer<typeof reportTimelinessSchema>;
