import { roleSchema, tenantIdSchema } from '@tradepilot/contracts';
import { z } from 'zod';

/**
 * A verified caller. `tenant` is the province for provincial roles and null for national ones
 * (ministry, department liaison, operator). It only ever comes from a verified token.
 */
export const principalSchema = z.strictObject({
  userId: z.string().min(1).max(128),
  name: z.string().max(200).optional(),
  tenant: tenantIdSchema.nullable(),
  roles: z.array(roleSchema).min(1),
  /** a pilot area, a province, `mofcom`, or a central department id */
  organisationId: z.string().min(1).max(64).nullable(),
});
export type Principal = z.infer<typeof principalSchema>;

export const hasRole = (principal: Principal, ...roles: string[]): boolean =>
  principal.roles.some((r) => roles.includes(r));
