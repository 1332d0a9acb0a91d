import { z } from 'zod';

/**
 * Where a rectification (整改) stands: open (nothing reported yet), in-progress (the pilot area
 * reported progress), submitted (the area says it is done; the inspector decides), returned (sent
 * back by the inspector), closed (accepted by the inspector).
 */
export const rectificationStatuses = ['open', 'in-progress', 'submitted', 'returned', 'closed'] as const;
export const rectificationStatusSchema = z.enum(rectificationStatuses);
export type RectificationStatus = z.infer<typeof rectificationStatusSchema>;
