import { tenantIdSchema } from '@tradepilot/contracts';
import { procedure, router } from '@tradepilot/service-kit';
import { z } from 'zod';
import type { AuditLog } from './audit-log';

const auditQueryInput = z
  .strictObject({
    userId: z.string().min(1).max(128).optional(),
    province: tenantIdSchema.optional(),
    procedure: z
      .string()
      .max(128)
      .regex(/^[a-zA-Z][a-zA-Z0-9]*(\.[a-zA-Z][a-zA-Z0-9]*)+$/)
      .optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    limit: z.int().min(1).max(500).default(100),
  })
  .default({ limit: 100 });

/** The ministry's view of the record: who reached which provinces, with what, and when. */
export function auditRouter(audit: AuditLog) {
  return router({
    crossProvinceCalls: procedure.input(auditQueryInput).query(async ({ input }) => {
      const entries = await audit.query({
        userId: input.userId,
        province: input.province,
        procedure: input.procedure,
        from: input.from ? new Date(input.from) : undefined,
        to: input.to ? new Date(input.to) : undefined,
        limit: input.limit,
      });
      return entries.map((e) => ({
        id: e._id,
        at: e.at.toISOString(),
        kind: e.kind,
        userId: e.userId,
        role: e.role,
        organisationId: e.organisationId,
        procedure: e.procedure,
        input: e.input,
        provinces: e.provinces,
        outcome: e.outcome,
        errorCode: e.errorCode,
        traceId: e.traceId,
        via: e.via,
      }));
    }),
  });
}
