import { procedure, router, type ServiceDeps } from '@tradepilot/service-kit';
import { tenantScope } from '@tradepilot/tenancy';
import { z } from 'zod';
import { caseDecisions } from './approval-case-model';
import { decideCase } from './case-decision';
import { caseNotFound } from './case-errors';
import type { CaseRepository } from './case-repository';
import { toCaseView } from './case-view';

const caseId = z.uuid();

export function caseRouter(deps: ServiceDeps, cases: CaseRepository) {
  return router({
    case: router({
      listOpen: procedure.input(z.strictObject({}).default({})).query(async () => {
        const entries = await (await cases.index())
          .find({ status: 'open' })
          .sort({ openedAt: 1 })
          .limit(500)
          .lean();
        return entries.map((e) => ({
          id: e._id,
          tenant: e.tenant,
          caseType: e.caseType,
          subject: e.subject,
          title: e.title,
          status: e.status,
          openedAt: e.openedAt.toISOString(),
        }));
      }),
      get: procedure.input(z.strictObject({ caseId })).query(async ({ input }) => {
        const entry = await cases.indexEntry(input.caseId);
        const found = entry && (await cases.get(tenantScope(entry.tenant), input.caseId));
        if (!entry || !found) throw caseNotFound(input.caseId);
        return toCaseView(entry.tenant, found);
      }),
      decide: procedure
        .input(
          z.strictObject({
            caseId,
            decision: z.enum(caseDecisions),
            reason: z.string().trim().max(4000).optional(),
            version: z.int().min(1),
          }),
        )
        .mutation(({ ctx, input }) => decideCase(deps, cases, ctx, input)),
    }),
  });
}

export type ApprovalsRouter = ReturnType<typeof caseRouter>;
