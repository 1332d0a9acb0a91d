import { z } from 'zod';
import { roleSchema } from './roles';

/** Who caused an event: a person acting in one role, or a service reacting to another event. */
export const actorSchema = z.strictObject({
  userId: z.string().min(1).max(128),
  role: z.union([roleSchema, z.literal('system')]),
  organisationId: z.string().min(1).max(64).nullable(),
  /** set when a delegate acts for the named user */
  actingForUserId: z.string().min(1).max(128).nullable().optional(),
});
export type EventActor = z.infer<typeof actorSchema>;

export const systemActor = (service: string): EventActor => ({
  userId: `system:${service}`,
  role: 'system',
  organisationId: null,
});
