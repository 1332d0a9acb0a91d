import { z } from 'zod';

/** The period an implementation plan covers (ISO dates, start on or before end). */
export const planPeriodSchema = z
  .strictObject({ start: z.iso.date(), end: z.iso.date() })
  .refine((p) => p.start <= p.end, { message: 'period.start must not be after period.end', path: ['end'] });
export type PlanPeriod = z.infer<typeof planPeriodSchema>;
