import { z } from 'zod';

const isoDate = z.iso.date();

/** A task of an implementation plan as frozen into events (the plans service owns the full record). */
export const planTaskSchema = z.strictObject({
  id: z.string().min(1).max(64),
  measureIds: z.array(z.string().min(1).max(32)).max(50),
  description: z.string().min(1).max(4000),
  leadUnit: z.string().min(1).max(200),
  supportingUnits: z.array(z.string().min(1).max(200)).max(30),
  milestones: z.array(z.strictObject({ title: z.string().min(1).max(500), due: isoDate })).max(50),
  kpis: z
    .array(
      z.strictObject({
        name: z.string().min(1).max(200),
        unit: z.string().min(1).max(50),
        baseline: z.number(),
        target: z.number(),
        due: isoDate,
      }),
    )
    .max(50),
  /** a key program rolled out first in this pilot area */
  keyProgram: z.boolean(),
});
export type PlanTask = z.infer<typeof planTaskSchema>;
