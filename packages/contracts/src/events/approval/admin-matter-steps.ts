import { z } from 'zod';
import { localizedTextSchema } from '../../localized-text';

/** How a province decides applications under a delegated matter: ordered levels of parallel steps. */
export const matterDecisionLevelsSchema = z
  .array(
    z.strictObject({
      name: localizedTextSchema,
      steps: z
        .array(
          z.strictObject({
            name: localizedTextSchema,
            role: z.literal('province-officer'),
            /** working days this step may take; when absent the application's statutory due date */
            workingDays: z.int().min(1).max(365).nullable(),
          }),
        )
        .min(1)
        .max(5),
    }),
  )
  .min(1)
  .max(5);
export type MatterDecisionLevels = z.infer<typeof matterDecisionLevelsSchema>;
